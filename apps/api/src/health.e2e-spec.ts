import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  createTestDatabase,
  privateNatsServer,
  startApp,
  type ChildApp,
  type PrivateNatsServer,
  type TestDatabase,
  testApiToken,
  waitFor,
} from '@kd/testing';

const jwtSecret = 'e2e-secret-that-is-long-enough-for-hs256-000';
const guild = '100000000000000777';

async function ready(app: ChildApp): Promise<{
  status: number;
  body: { status?: string; checks?: Record<string, string> };
}> {
  const response = await fetch(`${app.url}/health/ready`);
  return { status: response.status, body: (await response.json()) as never };
}

async function eventually<T>(
  probe: () => Promise<T>,
  accept: (value: T) => boolean,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (accept(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('api health', () => {
  let nats: PrivateNatsServer;
  let db: TestDatabase;
  let api: ChildApp;

  beforeAll(async () => {
    [nats, db] = await Promise.all([privateNatsServer(), createTestDatabase()]);
    api = await startApp('api', {
      DATABASE_URL: db.url,
      NATS_URL: nats.url,
      JWT_SECRET: jwtSecret,
    });
  });
  afterAll(async () => {
    await api?.stop();
    await Promise.all([nats?.dispose(), db?.drop()]);
  });

  it('is live and ready when NATS and PostgreSQL answer and the revocation list is loaded', async () => {
    expect((await fetch(`${api.url}/health/live`)).status).toBe(200);
    const result = await eventually(
      () => ready(api),
      (r) => r.status === 200,
    );
    expect(result).toEqual({
      status: 200,
      body: { status: 'ready', checks: { nats: 'ok', postgres: 'ok', revocations: 'ok' } },
    });
  });

  it('answers 503 naming NATS while it is down, and recovers when it is back', async () => {
    await nats.stop();
    const down = await eventually(
      () => ready(api),
      (r) => r.status === 503,
    );
    // Names what is down, and nothing else: no host, port or error text for an anonymous caller.
    expect(down).toEqual({
      status: 503,
      body: { status: 'not_ready', checks: { nats: 'down', postgres: 'ok', revocations: 'ok' } },
    });
    expect((await fetch(`${api.url}/health/live`)).status).toBe(200);

    // A request that needs NATS: a 5xx says its code and correlation id, nothing of the cause.
    const token = testApiToken(jwtSecret, { sub: 'health-e2e', guilds: [guild] });
    const failed = await fetch(`${api.url}/api/v1/guilds/${guild}/config`, {
      headers: { authorization: `Bearer ${token}`, 'x-correlation-id': 'health-e2e-5xx' },
    });
    expect(failed.status).toBeGreaterThanOrEqual(500);
    const body = (await failed.json()) as { error: { code: string } };
    expect(body).toEqual({
      error: {
        code: expect.stringMatching(/^[A-Z_]+(\.[A-Z_]+)*$/),
        correlationId: 'health-e2e-5xx',
      },
    });
    // The child's log lines arrive through a pipe, after the answer.
    await waitFor(
      () => api.logs.some((l) => l.includes('health-e2e-5xx') && l.includes('request failed')),
      { what: 'the 5xx logged under its correlation id' },
    );
    await nats.start();
    expect(
      (
        await eventually(
          () => ready(api),
          (r) => r.status === 200,
        )
      ).status,
    ).toBe(200);
  });

  it('starts without PostgreSQL and reports it as the dependency that is down', async () => {
    const noDb = await startApp('api', {
      DATABASE_URL: 'postgres://postgres@127.0.0.1:1/kd_test_none',
      NATS_URL: nats.url,
      JWT_SECRET: jwtSecret,
    });
    try {
      const result = await eventually(
        () => ready(noDb),
        (r) => r.status === 503 && r.body.checks?.nats === 'ok',
      );
      expect(result.status).toBe(503);
      expect(result.body).toEqual({
        status: 'not_ready',
        checks: { nats: 'ok', postgres: 'down', revocations: 'ok' },
      });
      expect(noDb.logs.some((l) => l.includes('PostgreSQL unavailable, retrying'))).toBe(true);
    } finally {
      await noDb.stop();
    }
  });

  it('answers unknown routes with a JSON error', async () => {
    const response = await fetch(`${api.url}/nope`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: { code: 'HTTP.NOT_FOUND', message: expect.any(String) },
    });
  });
});
