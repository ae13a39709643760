import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  createTestStream,
  snowflakeFor,
  startApp,
  startDiscordGatewayFake,
  testNatsUrl,
  type ChildApp,
  type DiscordGatewayFake,
  type TestStream,
  waitFor,
} from '@kd/testing';

// Snowflakes whose timestamp bits differ, as real guild ids do.
const guild = (n: number) => (BigInt(snowflakeFor(0)) + (BigInt(n) << 22n)).toString();
const joinedAt = (n: number) => new Date(Date.UTC(2024, 0, n, 9, 30));

/** Waits for a log line written after `from` (an index into app.logs). */
const logged = (app: ChildApp, pattern: RegExp, from = 0) =>
  waitFor(() => app.logs.slice(from).some((line) => pattern.test(line)));

describe('bot process: guild lifecycle from the gateway', () => {
  let t: TestStream;
  let fake: DiscordGatewayFake;
  let bot: ChildApp | undefined;

  beforeAll(async () => {
    t = await createTestStream();
    fake = await startDiscordGatewayFake({
      guilds: [1, 2, 3].map((n) => ({
        id: guild(n),
        name: `Guild ${n}`,
        memberCount: 10 + n,
        joinedAt: joinedAt(n),
      })),
    });
  });
  afterAll(async () => {
    await bot?.stop();
    await fake.close();
    await t.cleanup();
  });

  async function startBot(env: Record<string, string> = {}): Promise<ChildApp> {
    await bot?.stop();
    bot = await startApp('bot', {
      NATS_URL: testNatsUrl,
      KD_STREAM: t.stream,
      KD_SUBJECT_PREFIX: t.subjectPrefix,
      DISCORD_TOKEN: 'e2e-bot-token',
      DISCORD_API_URL: fake.apiUrl,
      LOG_LEVEL: 'debug',
      ...env,
    });
    await logged(bot, /start-up reconciliation done/);
    return bot;
  }
  const recorded = async (id: string) =>
    (await t.store.readAggregate('guild', id)).map((r) => r.event);
  const types = async (id: string) => (await recorded(id)).map((e) => e.type);

  it('records each guild present at the first start as installed once, when the bot joined it', async () => {
    await startBot();
    for (const n of [1, 2, 3]) {
      const ts = joinedAt(n).getTime();
      expect(await recorded(guild(n))).toEqual([
        expect.objectContaining({
          id: `guild-installed-${guild(n)}-${ts}`,
          type: 'guild.installed',
          occurredAt: joinedAt(n).toISOString(),
          guildId: guild(n),
          actor: { kind: 'system', id: 'bot' },
          payload: { name: `Guild ${n}`, memberCount: 10 + n },
        }),
      ]);
    }
    expect(await t.store.headSeq()).toBe(3);
  });

  it('identifies with the Guilds and GuildScheduledEvents intents only (1 | 1 << 16)', () => {
    expect(fake.identifies).toEqual([{ token: 'e2e-bot-token', intents: 65537, shard: [0, 1] }]);
  });

  it('records nothing when it restarts and finds every guild as recorded', async () => {
    await startBot();
    expect(fake.identifies).toHaveLength(2);
    expect(await t.store.headSeq()).toBe(3);
  });

  it('records a guild it joins after ready as one guild.installed', async () => {
    fake.addGuild({ id: guild(4), name: 'Newcomer', memberCount: 4 });
    await waitFor(async () => (await types(guild(4))).length > 0);
    expect(await recorded(guild(4))).toEqual([
      expect.objectContaining({
        type: 'guild.installed',
        payload: { name: 'Newcomer', memberCount: 4 },
      }),
    ]);
  });

  it('records nothing for an outage, neither when it starts nor when it ends', async () => {
    const head = await t.store.headSeq();
    const from = bot!.logs.length;
    fake.makeUnavailable(guild(1));
    await logged(bot!, new RegExp(`"guildId":"${guild(1)}".*guild unavailable`), from);
    fake.makeAvailable(guild(1));
    await logged(bot!, new RegExp(`"guildId":"${guild(1)}".*"reason":"available"`), from);
    expect(await t.store.headSeq()).toBe(head);
  });

  it('records a removal as one guild.uninstalled', async () => {
    fake.removeGuild(guild(2));
    await waitFor(async () => (await types(guild(2))).length > 1);
    expect(await types(guild(2))).toEqual(['guild.installed', 'guild.uninstalled']);
  });

  it('records a member count that changed while it was offline, once, at the next start', async () => {
    await bot!.stop();
    fake.setMemberCount(guild(3), 99);
    const head = await t.store.headSeq();
    await startBot();
    expect(await t.store.headSeq()).toBe(head + 1);
    expect((await recorded(guild(3))).at(-1)).toEqual(
      expect.objectContaining({
        type: 'guild.member_count_changed',
        payload: { memberCount: 99 },
      }),
    );
  });

  it('records a removal that happened while it was offline at the next start', async () => {
    await bot!.stop();
    fake.removeGuild(guild(4));
    const head = await t.store.headSeq();
    await startBot();
    expect(await t.store.headSeq()).toBe(head + 1);
    expect(await types(guild(4))).toEqual(['guild.installed', 'guild.uninstalled']);
    expect(await types(guild(2))).toEqual(['guild.installed', 'guild.uninstalled']);
  });

  it('refreshes member counts over REST and records only a change', async () => {
    const app = await startBot({ MEMBER_COUNT_REFRESH_MINUTES: '0.01' });
    fake.setMemberCount(guild(1), 50);
    const counts = async () =>
      (await recorded(guild(1))).filter((e) => e.type === 'guild.member_count_changed');
    await waitFor(async () => (await counts()).length > 0);
    const withCounts = `GET /api/v10/guilds/${guild(1)}?with_counts=true`;
    const seen = fake.requests.filter((r) => r === withCounts).length;
    await waitFor(() => fake.requests.filter((r) => r === withCounts).length >= seen + 2);
    expect((await counts()).map((e) => e.payload)).toEqual([{ memberCount: 50 }]);

    const metrics = await (await fetch(`${app.url}/metrics`)).text();
    expect(metrics).toMatch(/^kd_gateway_events_total\{type="GUILD_CREATE",app="bot"\} 2$/m);
    expect(metrics).toMatch(/^kd_guilds_cached\{app="bot"\} 2$/m);
    expect(metrics).toMatch(
      /^kd_discord_requests_total\{route="\/guilds\/:id",status_class="2xx",app="bot"\} \d+$/m,
    );
    expect(metrics).toMatch(/^kd_events_published_total\{type="guild.member_count_changed"/m);
  });
});
