import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  commandInteraction,
  createTestDatabase,
  createTestStream,
  interactionGuildId,
  startApp,
  startDiscordGatewayFake,
  testNatsUrl,
  type ChildApp,
  type DiscordGatewayFake,
  type TestDatabase,
  type TestStream,
  testApiToken,
  waitFor,
} from '@kd/testing';

const secret = 'config-cache-e2e-secret-config-cache-e2e';

/**
 * A guild's configuration is cached in every process for up to a minute; a change made in one
 * process (here a slash command over the bot's gateway) must reach the others' caches at once.
 */
describe('guild configuration cache across processes', () => {
  let db: TestDatabase;
  let t: TestStream;
  let gateway: DiscordGatewayFake;
  let api: ChildApp;
  let bot: ChildApp;

  beforeAll(async () => {
    [db, t] = await Promise.all([createTestDatabase(), createTestStream()]);
    gateway = await startDiscordGatewayFake({
      guilds: [{ id: interactionGuildId, name: 'Cache', memberCount: 5 }],
    });
    const shared = {
      NATS_URL: testNatsUrl,
      DATABASE_URL: db.url,
      KD_STREAM: t.stream,
      KD_SUBJECT_PREFIX: t.subjectPrefix,
    };
    [api, bot] = await Promise.all([
      startApp('api', { ...shared, JWT_SECRET: secret }),
      startApp('bot', {
        ...shared,
        DISCORD_TOKEN: 'cache-e2e-bot-token',
        DISCORD_API_URL: gateway.apiUrl,
      }),
    ]);
    // The bot takes interactions once its gateway session is up; the api hears config events
    // once its NATS connection is (both come up in the background after "listening").
    await waitFor(
      async () =>
        bot.logs.some((l) => l.includes('start-up reconciliation done')) ? true : undefined,
      15_000,
    );
    await waitFor(
      async () => ((await fetch(`${api.url}/health/ready`)).ok ? true : undefined),
      15_000,
    );
  });
  afterAll(async () => {
    await Promise.all([api?.stop(), bot?.stop()]);
    await gateway?.close();
    await Promise.all([db?.drop(), t?.cleanup()]);
  });

  const apiConfig = async () => {
    const bearer = testApiToken(secret, { sub: 'cache-test', guilds: [interactionGuildId] });
    const response = await fetch(`${api.url}/api/v1/guilds/${interactionGuildId}/config`, {
      headers: { authorization: `Bearer ${bearer}` },
    });
    expect(response.status).toBe(200);
    return (await response.json()) as { changedKeys: string[] };
  };

  it('the api sees a change made through the bot well before its cache entry expires', async () => {
    expect((await apiConfig()).changedKeys).toEqual([]); // now cached in the api for 60 s
    expect((await apiConfig()).changedKeys).toEqual([]);

    gateway.dispatchInteraction(
      commandInteraction('kaltura-config-update', {
        subcommand: 'switch',
        key: 'notifications.enabled',
        value: false,
      }),
    );
    const started = Date.now();
    const seen = await waitFor(async () => {
      const config = await apiConfig();
      return config.changedKeys.length ? config : undefined;
    }, 10_000);
    expect(seen.changedKeys).toEqual(['notifications.enabled']);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
