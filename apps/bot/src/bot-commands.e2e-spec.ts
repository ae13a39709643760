import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  buttonInteraction,
  commandInteraction,
  createTestDatabase,
  createTestStream,
  interactionGuildId,
  interactionMember,
  memberPermissions,
  startApp,
  startDiscordGatewayFake,
  testNatsUrl,
  type ChildApp,
  type DiscordGatewayFake,
  type TestDatabase,
  type TestStream,
  waitFor,
} from '@kd/testing';

interface CallbackBody {
  type: number;
  data?: { content?: string; flags?: number; allowed_mentions?: unknown; embeds?: unknown[] };
}

describe('bot process: slash commands over the gateway', () => {
  let db: TestDatabase;
  let t: TestStream;
  let fake: DiscordGatewayFake;
  let bot: ChildApp;

  beforeAll(async () => {
    [db, t] = await Promise.all([createTestDatabase(), createTestStream()]);
    fake = await startDiscordGatewayFake({
      guilds: [{ id: interactionGuildId, name: 'Commands', memberCount: 5 }],
    });
    bot = await startApp('bot', {
      NATS_URL: testNatsUrl,
      DATABASE_URL: db.url,
      KD_STREAM: t.stream,
      KD_SUBJECT_PREFIX: t.subjectPrefix,
      DISCORD_TOKEN: 'e2e-bot-token',
      DISCORD_API_URL: fake.apiUrl,
    });
    await waitFor(() =>
      bot.logs.some((line) => line.includes('start-up reconciliation done')) ? true : undefined,
    );
  });
  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
    await Promise.all([db?.drop(), t?.cleanup()]);
  });

  const callbackOf = (interaction: { id: string; token: string }) =>
    waitFor(() =>
      fake.interactionResponses.find(
        (r) => r.path === `/interactions/${interaction.id}/${interaction.token}/callback`,
      ),
    );
  const executedFor = (interactionId: string) =>
    waitFor(async () => {
      const records = await t.store.readAggregate('command', interactionId);
      const found = records.map((r) => r.event).filter((e) => e.type === 'command.executed');
      return found.length ? found : undefined;
    });

  it('answers /kaltura-list through the shared handlers, mentions off, recorded as a gateway command', async () => {
    const interaction = commandInteraction('kaltura-list');
    fake.dispatchInteraction(interaction);

    const callback = await callbackOf(interaction);
    const body = callback.body as CallbackBody;
    expect(callback.method).toBe('POST');
    expect(body.type).toBe(4);
    expect(body.data?.allowed_mentions).toEqual({ parse: [] });
    expect(JSON.stringify(body.data)).toMatch(/No active meetings/);

    const [executed] = await executedFor(interaction.id);
    expect(executed?.payload).toMatchObject({
      command: 'kaltura-list',
      transport: 'gateway',
      outcome: 'ok',
      errorCode: null,
    });
    expect(executed?.guildId).toBe(interactionGuildId);
    expect(executed?.correlationId).toBe(`interaction-${interaction.id}`);
  });

  it('refuses a configuration change by a member without Manage Guild, privately, and records the denial', async () => {
    const interaction = commandInteraction(
      'kaltura-config-update',
      { subcommand: 'switch', key: 'notifications.enabled', value: false },
      interactionMember,
      memberPermissions,
    );
    fake.dispatchInteraction(interaction);

    const body = (await callbackOf(interaction)).body as CallbackBody;
    expect(body.data?.flags).toBe(64);
    const [executed] = await executedFor(interaction.id);
    expect(executed?.payload).toMatchObject({
      command: 'kaltura-config-update',
      transport: 'gateway',
      outcome: 'denied',
    });
    expect(await t.store.readAggregate('config', interactionGuildId)).toEqual([]);
  });

  it('answers a Join button press privately, recorded as /kaltura-join via button', async () => {
    const press = buttonInteraction('kd1:join:mzzzzzzzzzz');
    fake.dispatchInteraction(press);
    expect((await callbackOf(press)).body as CallbackBody).toEqual({
      type: 5,
      data: { flags: 64 },
    });
    const [executed] = await executedFor(press.id);
    expect(executed?.payload).toMatchObject({
      command: 'kaltura-join',
      options: { 'meeting-id': 'mzzzzzzzzzz' },
      via: 'button',
      transport: 'gateway',
    });
  });

  it('answers a button it did not make clearly and privately, recorded as invalid', async () => {
    const press = buttonInteraction('kd0:join:m0123456789');
    fake.dispatchInteraction(press);
    const body = (await callbackOf(press)).body as CallbackBody;
    expect(body).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(body.data?.content).toContain('COMPONENT.INVALID');
    const [executed] = await executedFor(press.id);
    expect(executed?.payload).toMatchObject({
      command: 'unknown',
      via: 'button',
      transport: 'gateway',
      outcome: 'invalid',
    });
  });
});
