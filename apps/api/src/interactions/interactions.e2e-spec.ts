import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generateDiscordKeys } from '@kd/discord';
import {
  snowflakeFor,
  startApiStack,
  type ApiStack,
  type ChildApp,
  type DiscordRestFake,
  type TestStream,
  waitFor,
  firstOriginalEdit,
} from '@kd/testing';
import {
  applicationId,
  commandInteraction,
  keys,
  member,
  memberPermissions,
  post,
} from './interaction-fixtures.js';

describe('POST /interactions', () => {
  let t: TestStream;
  let discord: DiscordRestFake;
  let sim: ChildApp;
  let api: ChildApp;
  let stack: ApiStack;

  beforeAll(async () => {
    stack = await startApiStack({ keys, projectorEnv: { PROJECTION_MAX_WAIT_MS: '20' } });
    ({ t, discord, sim, api } = stack);
  });
  afterAll(() => stack?.stop());

  const eventsOf = (type: string) => t.eventsOfType(type);

  const executed = async (interactionId: string) =>
    (await eventsOf('command.executed')).filter(
      (e) => e.payload && (e.payload as { interactionId: string }).interactionId === interactionId,
    );
  const followUpFor = (interaction: { token: string }) => firstOriginalEdit(discord, interaction);

  it('registers every command with Discord at start-up', async () => {
    const put = await waitFor(
      async () =>
        discord.requestsTo('PUT', new RegExp(`/applications/${applicationId}/commands`))[0],
    );
    const names = (put.body as { name: string }[]).map((c) => c.name).sort();
    expect(names).toEqual([
      'kaltura-cancel',
      'kaltura-config-reset',
      'kaltura-config-update',
      'kaltura-config-view',
      'kaltura-end',
      'kaltura-forget-me',
      'kaltura-join',
      'kaltura-list',
      'kaltura-schedule',
      'kaltura-start',
      'kaltura-stats',
      'kaltura-video-search',
    ]);
    expect(
      discord.requestsTo('GET', new RegExp(`/applications/${applicationId}/commands`)),
    ).toHaveLength(1);
  });

  it('answers PING with PONG', async () => {
    const response = await post(api.url, {
      id: snowflakeFor(1_000_001),
      type: 1,
      application_id: applicationId,
      token: 'ping-token',
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ type: 1 });
  });

  it.each([
    ['a signature from another key', { signWith: generateDiscordKeys().privateKey }],
    ['a stale timestamp', { timestamp: Math.floor(Date.now() / 1000) - 600 }],
    [
      'no signature headers',
      { headers: { 'x-signature-ed25519': '', 'x-signature-timestamp': '' } },
    ],
  ])('answers 401 to %s and records nothing', async (_label, options) => {
    const interaction = commandInteraction('kaltura-list');
    const response = await post(api.url, interaction, options);
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
      'INTERACTION.BAD_SIGNATURE',
    );
    expect(await executed(interaction.id)).toEqual([]);
  });

  it('starts a meeting: deferred at once, announced without a link, the host link private, recorded as events', async () => {
    const interaction = commandInteraction('kaltura-start', {
      type: 'webinar',
      title: '@everyone weekly sync',
      description: 'agenda',
    });
    const started = Date.now();
    const response = await post(api.url, interaction);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(await response.json()).toEqual({ type: 5 });
    const followUp = await followUpFor(interaction);
    const body = followUp.body as {
      content: string;
      embeds: { title: string; fields: { value: string }[] }[];
      allowed_mentions: { parse: string[] };
    };
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(body.embeds[0]?.title).toBe('@everyone weekly sync');
    expect(JSON.stringify(body)).not.toContain('ks=');
    const hostLink = await waitFor(
      async () =>
        discord.requestsTo(
          'POST',
          new RegExp(`/webhooks/${applicationId}/${interaction.token}$`),
        )[0],
    );
    expect(hostLink.body).toMatchObject({ flags: 64 });
    expect(JSON.stringify(hostLink.body)).toContain('virtualEvent/launch?ks=');
    const [record] = await waitFor(async () =>
      (await executed(interaction.id)).length ? executed(interaction.id) : undefined,
    );
    expect(record?.payload).toMatchObject({
      command: 'kaltura-start',
      outcome: 'ok',
      errorCode: null,
      transport: 'http',
    });
    const [created] = await eventsOf('meeting.created');
    expect(created?.payload).toMatchObject({
      type: 'webinar',
      title: '@everyone weekly sync',
      description: 'agenda',
    });
    expect(created?.correlationId).toBe(record?.correlationId);
  });

  it('records a redelivered interaction once and does not run it again', async () => {
    const interaction = commandInteraction('kaltura-start', {
      type: 'meeting',
      title: 'Once only',
    });
    await post(api.url, interaction);
    await followUpFor(interaction);
    await waitFor(async () => ((await executed(interaction.id)).length ? true : undefined));
    const again = await post(api.url, interaction);
    expect(again.status).toBe(200);
    expect(await executed(interaction.id)).toHaveLength(1);
    expect(
      (await eventsOf('meeting.created')).filter(
        (e) => (e.payload as { title: string }).title === 'Once only',
      ),
    ).toHaveLength(1);
  });

  it('lists active meetings from the read model', async () => {
    const listed = await waitFor(async () => {
      const response = await post(api.url, commandInteraction('kaltura-list'));
      const body = (await response.json()) as {
        type: number;
        data: { content: string; flags: number };
      };
      return body.data.content.includes('Once only') ? body : undefined;
    });
    expect(listed.type).toBe(4);
    expect(listed.data.flags).toBe(64);
  });

  it('refuses a member without permission, with an ephemeral reply and outcome denied', async () => {
    const interaction = commandInteraction(
      'kaltura-config-update',
      { subcommand: 'switch', key: 'notifications.enabled', value: false },
      member,
      memberPermissions,
    );
    const body = (await (await post(api.url, interaction)).json()) as {
      type: number;
      data: { content: string; flags: number; allowed_mentions: unknown };
    };
    expect(body.type).toBe(4);
    expect(body.data.flags).toBe(64);
    const [record] = await waitFor(async () =>
      (await executed(interaction.id)).length ? executed(interaction.id) : undefined,
    );
    expect(record?.payload).toMatchObject({ outcome: 'denied', errorCode: 'PERMISSION.DENIED' });
  });

  it('rejects an invalid option with outcome invalid', async () => {
    const interaction = commandInteraction('kaltura-video-search', { query: 'intro', limit: 50 });
    await post(api.url, interaction);
    const [record] = await waitFor(async () =>
      (await executed(interaction.id)).length ? executed(interaction.id) : undefined,
    );
    expect(record?.payload).toMatchObject({ outcome: 'invalid' });
  });

  it('turns the room notifications Kaltura sends into meeting events, caused by the stored webhook', async () => {
    const [created] = await eventsOf('meeting.created');
    const { meetingId, kalturaResourceId } = created?.payload as {
      meetingId: string;
      kalturaResourceId: string;
    };
    for (const kind of ['room_live_start', 'recording_ready', 'room_live_stop']) {
      const sent = await fetch(`${sim.url}/__sim/notifications`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          kind,
          resourceId: kalturaResourceId,
          url: `${api.url}/webhooks/kaltura`,
        }),
      });
      expect(sent.status).toBeLessThan(300);
    }
    const types = await waitFor(async () => {
      const events = (await t.store.readAggregate('meeting', meetingId)).map((r) => r.event);
      return events.some((e) => e.type === 'meeting.ended') ? events : undefined;
    });
    expect(types.map((e) => e.type)).toEqual(
      expect.arrayContaining(['meeting.started', 'meeting.recording_ready', 'meeting.ended']),
    );
    const started = types.find((e) => e.type === 'meeting.started');
    expect(started?.causationId).toMatch(/^kaltura-job-/);
    expect(started?.actor.kind).toBe('kaltura');
  });

  it('reports Kaltura being down in the follow-up, as outcome error and kaltura.api_failed', async () => {
    await fetch(`${sim.url}/__sim/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ failMode: 'http500' }),
    });
    try {
      const interaction = commandInteraction('kaltura-start', { type: 'meeting', title: 'Doomed' });
      expect(await (await post(api.url, interaction)).json()).toEqual({ type: 5 });
      // The error is private: the public "thinking…" is removed and a flag-64 follow-up says why.
      const followUp = await waitFor(
        async () =>
          discord.requestsTo(
            'POST',
            new RegExp(`/webhooks/${applicationId}/${interaction.token}$`),
          )[0],
      );
      expect(followUp.body).toMatchObject({ flags: 64 });
      expect(JSON.stringify(followUp.body)).toMatch(/KALTURA/);
      const [record] = await waitFor(async () =>
        (await executed(interaction.id)).length ? executed(interaction.id) : undefined,
      );
      expect(record?.payload).toMatchObject({
        outcome: 'error',
        errorCode: expect.stringMatching(/^KALTURA\./),
      });
      expect(
        (await eventsOf('kaltura.api_failed')).some(
          (e) => (e.payload as { interactionId: string | null }).interactionId === interaction.id,
        ),
      ).toBe(true);
    } finally {
      await fetch(`${sim.url}/__sim/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ failMode: 'none' }),
      });
    }
  });
});
