import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  createTestStream,
  freePort,
  snowflakeFor,
  startApp,
  startDiscordGatewayFake,
  testNatsUrl,
  type ChildApp,
  type DiscordGatewayFake,
  type TestStream,
} from '@kd/testing';

async function ready(app: ChildApp) {
  const response = await fetch(`${app.url}/health/ready`);
  return { status: response.status, body: (await response.json()) as { checks?: object } };
}

async function eventually<T>(probe: () => Promise<T>, accept: (value: T) => boolean) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const value = await probe();
    if (accept(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('bot process health', () => {
  let t: TestStream;
  let fake: DiscordGatewayFake;
  const env = () => ({
    NATS_URL: testNatsUrl,
    KD_STREAM: t.stream,
    KD_SUBJECT_PREFIX: t.subjectPrefix,
    DISCORD_API_URL: fake.apiUrl,
  });

  beforeAll(async () => {
    [t, fake] = await Promise.all([
      createTestStream(),
      startDiscordGatewayFake({ guilds: [{ id: snowflakeFor(1) }] }),
    ]);
  });
  afterAll(async () => {
    await fake.close();
    await t.cleanup();
  });

  it('runs healthy without DISCORD_TOKEN, warns once, and never contacts Discord', async () => {
    const bot = await startApp('bot', env());
    try {
      expect((await fetch(`${bot.url}/health/live`)).status).toBe(200);
      const result = await eventually(
        () => ready(bot),
        (r) => r.status === 200,
      );
      expect(result).toEqual({ status: 200, body: { status: 'ready', checks: { nats: 'ok' } } });
      const metrics = await (await fetch(`${bot.url}/metrics`)).text();
      expect(metrics).toMatch(/^kd_guilds_cached\{app="bot"\} 0$/m);
      expect(bot.logs.filter((l) => l.includes('the Discord gateway is disabled'))).toHaveLength(1);
      expect(fake.requests).toEqual([]);
      expect(fake.identifies).toEqual([]);
    } finally {
      await bot.stop();
    }
  });

  it('is ready once the gateway is connected and its guilds have arrived', async () => {
    const bot = await startApp('bot', { ...env(), DISCORD_TOKEN: 'health-token' });
    try {
      const result = await eventually(
        () => ready(bot),
        (r) => r.status === 200,
      );
      expect(result.body.checks).toEqual({ nats: 'ok', discord: 'ok' });
    } finally {
      await bot.stop();
    }
  });

  it('stays live but not ready while Discord cannot be reached, and keeps retrying', async () => {
    const unreachable = `http://127.0.0.1:${await freePort()}/api`;
    const bot = await startApp('bot', {
      ...env(),
      DISCORD_TOKEN: 'health-token',
      DISCORD_API_URL: unreachable,
    });
    try {
      const result = await eventually(
        () => ready(bot),
        (r) => r.status === 503 && bot.logs.some((l) => l.includes('gateway login failed')),
      );
      expect(result.status).toBe(503);
      expect(result.body.checks).toEqual({ nats: 'ok', discord: 'down' });
      expect((await fetch(`${bot.url}/health/live`)).status).toBe(200);
    } finally {
      await bot.stop();
    }
  });
});
