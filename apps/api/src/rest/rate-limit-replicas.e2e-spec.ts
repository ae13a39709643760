import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  sharedEnv,
  snowflakeFor,
  startApiStack,
  startApp,
  testApiToken,
  type ApiStack,
  type ChildApp,
} from '@kd/testing';

const secret = 'rate-limit-e2e-secret-rate-limit-e2e-secret';
const limit = 12;
const guild = snowflakeFor(961);
const meetings = `/api/v1/guilds/${guild}/meetings`;

describe('the REST rate limit across api replicas', () => {
  let stack: ApiStack;
  let a: ChildApp;
  let b: ChildApp;
  const env = { JWT_SECRET: secret, API_RATE_LIMIT_PER_MINUTE: String(limit) };

  beforeAll(async () => {
    stack = await startApiStack({ secrets: { jwtSecret: secret }, apiEnv: env });
    a = stack.api;
    b = await startApp('api', { ...sharedEnv(stack.db, stack.t), ...env });
  });
  afterAll(async () => {
    await b?.stop();
    await stack?.stop();
  });

  const get = async (app: ChildApp, bearer: string) => {
    const response = await fetch(`${app.url}${meetings}`, {
      headers: { authorization: `Bearer ${bearer}` },
    });
    await response.arrayBuffer();
    return { status: response.status, retryAfter: response.headers.get('retry-after') };
  };

  it('counts a token once whichever replica answers: the limit holds for the pair', async () => {
    const bearer = testApiToken(secret, { sub: 'spreads-requests', guilds: [guild] });
    const answers = [];
    for (let i = 0; i < limit + 4; i++) answers.push(await get(i % 2 ? b : a, bearer));
    expect(answers.filter((r) => r.status === 200)).toHaveLength(limit);
    const refused = answers.slice(limit);
    expect(refused.map((r) => r.status)).toEqual([429, 429, 429, 429]);
    for (const r of refused) expect(Number(r.retryAfter)).toBeGreaterThanOrEqual(1);
    // Another token has its own allowance, on either replica.
    const other = testApiToken(secret, { sub: 'patient', guilds: [guild] });
    expect((await get(b, other)).status).toBe(200);
    expect((await get(a, other)).status).toBe(200);
  });

  it('concurrent requests through both replicas never exceed the limit', async () => {
    const bearer = testApiToken(secret, { sub: 'bursty', guilds: [guild] });
    const answers = await Promise.all(
      Array.from({ length: limit * 2 }, (_, i) => get(i % 2 ? b : a, bearer)),
    );
    expect(answers.filter((r) => r.status === 200)).toHaveLength(limit);
    expect(answers.filter((r) => r.status === 429)).toHaveLength(limit);
  });
});
