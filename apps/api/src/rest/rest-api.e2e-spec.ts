import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  signTestJwt,
  snowflakeFor,
  startApiStack,
  type ApiStack,
  type ChildApp,
  type TestStream,
  testApiToken,
  testTokenClaims,
} from '@kd/testing';

const secret = 'rest-api-e2e-secret-rest-api-e2e-secret';
const guildId = snowflakeFor(950);
const otherGuild = snowflakeFor(951);
const user = snowflakeFor(952);
const token = (claims: Record<string, unknown> = {}) =>
  testApiToken(secret, { guilds: [guildId], ...claims });
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

describe('REST API v1', () => {
  let t: TestStream;
  let api: ChildApp;
  let stack: ApiStack;

  beforeAll(async () => {
    stack = await startApiStack({
      secrets: { jwtSecret: secret },
      apiEnv: { API_RATE_LIMIT_PER_MINUTE: '40' },
    });
    ({ t, api } = stack);
  });
  afterAll(() => stack?.stop());

  const call = async (
    method: string,
    path: string,
    body?: unknown,
    bearer: string | null = token(),
  ) => {
    const response = await fetch(`${api.url}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON bodies of many shapes
  };

  it.each([
    ['no token', null, 'missing_token'],
    ['an expired token', token({ exp: Math.floor(Date.now() / 1000) - 3600 }), 'expired'],
    [
      'a token signed with another secret',
      signTestJwt(testTokenClaims({ guilds: [guildId] }), `${secret}!`),
      'bad_signature',
    ],
    [
      'an alg:none token',
      `${b64({ alg: 'none' })}.${b64(testTokenClaims({ guilds: [guildId] }))}.`,
      'bad_algorithm',
    ],
  ])('answers 401 to %s and counts it by reason', async (_label, bearer, reason) => {
    const { status, body } = await call(
      'GET',
      `/api/v1/guilds/${guildId}/config`,
      undefined,
      bearer,
    );
    expect(status).toBe(401);
    expect(body.error.code).toBe('AUTH.INVALID_TOKEN');
    const metrics = await (await fetch(`${api.url}/metrics`)).text();
    expect(metrics).toMatch(
      new RegExp(`kd_auth_failures_total\\{reason="${reason}",app="api"\\} [1-9]`),
    );
  });

  it('reads and changes a guild configuration through config events', async () => {
    const before = await call('GET', `/api/v1/guilds/${guildId}/config`);
    expect(before.status).toBe(200);
    expect(before.body.changedKeys).toEqual([]);
    const changed = await call('PATCH', `/api/v1/guilds/${guildId}/config`, {
      key: 'notifications.enabled',
      value: false,
    });
    expect(changed.body).toMatchObject({
      changed: true,
      key: 'notifications.enabled',
      newValue: false,
    });
    const after = await call('GET', `/api/v1/guilds/${guildId}/config`);
    expect(after.body.changedKeys).toEqual(['notifications.enabled']);
    expect((await t.store.readAggregate('config', guildId)).map((e) => e.event.type)).toEqual([
      'config.updated',
    ]);
    const reset = await call('POST', `/api/v1/guilds/${guildId}/config/reset`, {
      section: 'notifications',
    });
    expect(reset.body).toMatchObject({ changed: true, section: 'notifications' });
  });

  it('refuses an unknown key with a clear 400 and records nothing', async () => {
    const before = (await t.store.readAggregate('config', guildId)).length;
    const { status, body } = await call('PATCH', `/api/v1/guilds/${guildId}/config`, {
      key: 'notifications.nope',
      value: 1,
    });
    expect(status).toBe(400);
    expect(body.error.code).toBe('CONFIG.UNKNOWN_KEY');
    expect((await t.store.readAggregate('config', guildId)).length).toBe(before);
  });

  it('creates a meeting, issues a join URL and ends it', async () => {
    const created = await call('POST', `/api/v1/guilds/${guildId}/meetings`, {
      type: 'classroom',
      title: 'Algebra',
      ownerUserId: user,
      ownerName: 'Ada',
    });
    expect(created.status).toBe(201);
    expect(created.body.joinUrl).toMatch(/virtualEvent\/launch\?ks=/);
    const meetingId = created.body.meeting.meetingId as string;
    const join = await call('POST', `/api/v1/guilds/${guildId}/meetings/${meetingId}/join-url`, {
      userId: snowflakeFor(953),
      displayName: 'Bob',
    });
    expect(join.status).toBe(200);
    expect(join.body.kalturaRole).toBe('viewerRole');
    const ended = await call('POST', `/api/v1/guilds/${guildId}/meetings/${meetingId}/end`, {
      byUserId: user,
    });
    expect(ended.status).toBe(200);
    expect(ended.body.status).toBe('ended');
    const again = await call('POST', `/api/v1/guilds/${guildId}/meetings/${meetingId}/end`, {
      byUserId: user,
    });
    expect(again.status).toBe(409);
    expect((await t.store.readAggregate('meeting', meetingId)).map((e) => e.event.type)).toEqual([
      'meeting.created',
      'meeting.join_link_issued',
      'meeting.join_link_issued',
      'meeting.ended',
    ]);
  });

  it('keeps a token limited to some guilds out of the others', async () => {
    const limited = token({ guilds: [guildId] });
    expect((await call('GET', `/api/v1/guilds/${guildId}/config`, undefined, limited)).status).toBe(
      200,
    );
    const { status, body } = await call(
      'GET',
      `/api/v1/guilds/${otherGuild}/config`,
      undefined,
      limited,
    );
    expect(status).toBe(403);
    expect(body.error.code).toBe('AUTH.GUILD_FORBIDDEN');
  });

  it('lets an operator token act on any guild, and a read token read but not write', async () => {
    const operator = token({ guilds: undefined, scope: 'operator' });
    expect(
      (await call('GET', `/api/v1/guilds/${otherGuild}/config`, undefined, operator)).status,
    ).toBe(200);
    const reader = token({ scope: 'read' });
    expect((await call('GET', `/api/v1/guilds/${guildId}/config`, undefined, reader)).status).toBe(
      200,
    );
    const write = await call(
      'PATCH',
      `/api/v1/guilds/${guildId}/config`,
      { key: 'notifications.enabled', value: true },
      reader,
    );
    expect(write.status).toBe(403);
    expect(write.body.error.code).toBe('AUTH.INSUFFICIENT_SCOPE');
  });

  it('rejects a malformed guild id and an oversized body with 4xx JSON errors', async () => {
    expect((await call('GET', '/api/v1/guilds/not-a-guild/config')).status).toBe(400);
    const big = await call('PATCH', `/api/v1/guilds/${guildId}/config`, {
      key: 'notifications.templates.meeting_start',
      value: 'x'.repeat(100_000),
    });
    expect(big.status).toBe(413);
  });

  it('rate limits per token with 429 and Retry-After', async () => {
    const bearer = token({ sub: 'hasty' });
    const statuses: number[] = [];
    for (let i = 0; i < 45; i++)
      statuses.push(
        (await call('GET', `/api/v1/guilds/${guildId}/meetings`, undefined, bearer)).status,
      );
    expect(statuses.filter((s) => s === 200).length).toBe(40);
    expect(statuses.at(-1)).toBe(429);
    expect(
      (
        await call(
          'GET',
          `/api/v1/guilds/${guildId}/meetings`,
          undefined,
          token({ sub: 'patient' }),
        )
      ).status,
    ).toBe(200);
  });

  it('publishes its OpenAPI document', async () => {
    const response = await fetch(`${api.url}/api/docs`);
    const doc = (await response.json()) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/guilds/{guildId}/config',
        '/api/v1/guilds/{guildId}/meetings/{meetingId}/join-url',
      ]),
    );
    expect(doc.paths['/api/v1/guilds/{guildId}/meetings']?.post).toMatchObject({
      requestBody: { content: { 'application/json': { schema: { type: 'object' } } } },
      security: [{ bearer: ['write'] }],
    });
    expect(doc.paths['/api/v1/tokens/{jti}/revoke']?.post).toMatchObject({
      security: [{ bearer: ['operator'] }],
    });
  });
});
