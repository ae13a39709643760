import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  freePort,
  sharedEnv,
  snowflakeFor,
  startApiStack,
  startApp,
  testApiToken,
  testNatsUrl,
  type ApiStack,
  type ChildApp,
} from '@kd/testing';

const secret = 'revocation-e2e-secret-revocation-e2e-secret';
const guild = snowflakeFor(960);
const config = `/api/v1/guilds/${guild}/config`;
const operator = () => testApiToken(secret, { sub: 'ops', scope: 'operator' });

/** `npm run api:token -- …` (the built CLI) with this environment. */
function apiToken(args: string[], env: Record<string, string>) {
  const child = spawn(
    process.execPath,
    [resolve('dist/libs/auth/src/cli/issue-token.js'), ...args],
    {
      env: { PATH: process.env.PATH, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((done) =>
    child.once('exit', (code) => done({ code, stdout, stderr })),
  );
}

const status = async (app: ChildApp, bearer: string, path = config) => {
  const response = await fetch(`${app.url}${path}`, {
    headers: { authorization: `Bearer ${bearer}` },
  });
  return { status: response.status, body: (await response.json()) as { error?: { code: string } } };
};

/** Milliseconds until `app` refuses `bearer` as revoked (fails after 5 s). */
async function msUntilRefused(app: ChildApp, bearer: string, since: number): Promise<number> {
  for (;;) {
    const { status: code, body } = await status(app, bearer);
    if (code === 401 && body.error?.code === 'AUTH.TOKEN_REVOKED') return Date.now() - since;
    if (Date.now() - since > 5_000) throw new Error(`still answered ${code} after 5 s`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('token revocation across api replicas', () => {
  let stack: ApiStack;
  let a: ChildApp;
  let b: ChildApp;
  let cliEnv: Record<string, string>;

  beforeAll(async () => {
    stack = await startApiStack({ secrets: { jwtSecret: secret } });
    a = stack.api;
    b = await startApp('api', { ...sharedEnv(stack.db, stack.t), JWT_SECRET: secret });
    cliEnv = {
      JWT_SECRET: secret,
      NATS_URL: testNatsUrl,
      KD_STREAM: stack.t.stream,
      KD_SUBJECT_PREFIX: stack.t.subjectPrefix,
    };
  });
  afterAll(async () => {
    await b?.stop();
    await stack?.stop();
  });

  it('api:token issues a guild token both replicas accept, printing what it issued', async () => {
    const issued = await apiToken(
      ['--subject', 'crm', '--guild', guild, '--scope', 'read,write', '--ttl', '1h'],
      cliEnv,
    );
    expect(issued.code).toBe(0);
    const token = issued.stdout.trim();
    expect(issued.stderr).toMatch(/"guilds":\["\d+"\]/);
    expect(issued.stderr).toMatch(/jti: [0-9a-f-]{36}/);
    expect(issued.stderr).toMatch(/expires: \d{4}-\d\d-\d\dT/);
    expect(issued.stderr).not.toContain(token);
    expect((await status(a, token)).status).toBe(200);
    expect((await status(b, token)).status).toBe(200);
  });

  it('api:token refuses a token without guilds or operator, and a lifetime over the cap', async () => {
    const none = await apiToken(['--subject', 'crm'], cliEnv);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/--guild \(repeatable\) or --operator is required/);
    expect(none.stdout).toBe('');
    const long = await apiToken(['--subject', 'crm', '--guild', guild, '--ttl', '31d'], cliEnv);
    expect(long.code).toBe(1);
    expect(long.stderr).toMatch(/lifetime exceeds the maximum/);
    expect(long.stdout).toBe('');
    const help = await apiToken(['--help'], {});
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--operator/);
  });

  it('a token revoked through one replica is refused by the other within seconds', async () => {
    const jti = 'b1c2d3e4-0000-4000-8000-000000000001';
    const bearer = testApiToken(secret, { jti, guilds: [guild] });
    expect((await status(b, bearer)).status).toBe(200);
    const since = Date.now();
    const response = await fetch(`${a.url}/api/v1/tokens/${jti}/revoke`, {
      method: 'POST',
      headers: { authorization: `Bearer ${operator()}`, 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'leaked in a ticket' }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ jti, revoked: true, alreadyRevoked: false });
    expect(await msUntilRefused(b, bearer, since)).toBeLessThan(3_000);
    expect(await msUntilRefused(a, bearer, since)).toBeLessThan(3_000);
    const events = await stack.t.store.readAggregate('auth', jti);
    expect(events.map((e) => [e.event.type, e.event.payload, e.event.guildId])).toEqual([
      ['auth.token_revoked', { jti, revokedBy: 'api:ops', reason: 'leaked in a ticket' }, null],
    ]);
    const again = await fetch(`${b.url}/api/v1/tokens/${jti}/revoke`, {
      method: 'POST',
      headers: { authorization: `Bearer ${operator()}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(await again.json()).toEqual({ jti, revoked: true, alreadyRevoked: true });
    expect(await stack.t.store.readAggregate('auth', jti)).toHaveLength(1);
  });

  it('api:token revoke <jti> is honoured by both replicas', async () => {
    const issued = await apiToken(['--subject', 'crm', '--guild', guild], cliEnv);
    const token = issued.stdout.trim();
    const jti = /jti: (\S+)/.exec(issued.stderr)?.[1] ?? '';
    expect((await status(a, token)).status).toBe(200);
    const revoked = await apiToken(['revoke', jti, '--reason', 'rotated'], cliEnv);
    expect(revoked).toMatchObject({ code: 0, stderr: `revoked: ${jti}\n` });
    const since = Date.now(); // the CLI's own start-up (seconds on a busy machine) is not counted
    expect(await msUntilRefused(a, token, since)).toBeLessThan(3_000);
    expect(await msUntilRefused(b, token, since)).toBeLessThan(3_000);
    const [event] = await stack.t.store.readAggregate('auth', jti);
    expect(event?.event.payload).toMatchObject({
      jti,
      reason: 'rotated',
      revokedBy: expect.stringMatching(/^cli:/),
    });
  });

  it('a replica started after a revocation refuses the token from its first request', async () => {
    const jti = 'b1c2d3e4-0000-4000-8000-000000000001';
    const late = await startApp('api', { ...sharedEnv(stack.db, stack.t), JWT_SECRET: secret });
    try {
      const { status: code, body } = await status(
        late,
        testApiToken(secret, { jti, guilds: [guild] }),
      );
      expect({ code, error: body.error?.code }).toEqual({ code: 401, error: 'AUTH.TOKEN_REVOKED' });
    } finally {
      await late.stop();
    }
  });

  it('fails closed (503) while the revocation list cannot be loaded', async () => {
    const cut = await startApp('api', {
      ...sharedEnv(stack.db, stack.t),
      JWT_SECRET: secret,
      NATS_URL: `nats://127.0.0.1:${await freePort()}`,
    });
    try {
      const { status: code, body } = await status(cut, testApiToken(secret, { guilds: [guild] }));
      expect({ code, error: body.error?.code }).toEqual({
        code: 503,
        error: 'AUTH.REVOCATIONS_NOT_LOADED',
      });
      const ready = await fetch(`${cut.url}/health/ready`);
      expect(ready.status).toBe(503);
      expect(await ready.text()).toContain('revocations');
    } finally {
      await cut.stop();
    }
  });
});
