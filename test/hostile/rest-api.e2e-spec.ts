import { createHmac, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { signTestJwt, snowflakeFor, testTokenClaims, waitFor } from '@kd/testing';
import {
  deeplyNestedObject,
  expectRejectedWithoutEvents,
  expectSteadyAndClean,
  send,
  sendBytes,
  startHostileApi,
  type HostileApi,
  type HostileCase,
  type RawRequest,
} from './hostile-kit.js';

const guild = snowflakeFor(9_100);
const otherGuild = snowflakeFor(9_101);
const owner = snowflakeFor(9_102);
const config = `/api/v1/guilds/${guild}/config`;
const meetings = `/api/v1/guilds/${guild}/meetings`;
const json = { 'content-type': 'application/json' };
const invalidToken = 'AUTH.INVALID_TOKEN';
const invalidRequest = 'HTTP.INVALID_REQUEST';
const nowS = () => Math.floor(Date.now() / 1000);
const inAMinute = () => nowS() + 600;
const day = 86_400;
/** Revoked through the operator route before the cases run. */
const revokedJti = randomUUID();
const b64 = (value: unknown) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

describe('hostile input: REST API v1', () => {
  let h: HostileApi;
  let pid: number;
  /** Every bearer token the suite sent: none may reach a log line. */
  const sentTokens = new Set<string>();

  beforeAll(async () => {
    h = await startHostileApi();
    pid = h.api.process.pid ?? 0;
    const revoke = await call({
      method: 'POST',
      path: `/api/v1/tokens/${revokedJti}/revoke`,
      bearer: token({ guilds: undefined, scope: 'operator' }),
      body: JSON.stringify({ reason: 'hostile suite' }),
    });
    if (revoke.status !== 200) throw new Error(`revoke answered ${revoke.status}: ${revoke.text}`);
    await waitFor(async () =>
      (await call({ path: config, bearer: token({ jti: revokedJti }) })).status === 401
        ? true
        : undefined,
    );
  });
  afterAll(async () => {
    await h?.stop();
  });

  /** A valid guild token for `guild` (read write); `extra` changes or (undefined) drops claims. */
  const claims = (extra: Record<string, unknown> = {}) =>
    testTokenClaims({ sub: 'hostile-suite', guilds: [guild], ...extra });
  const token = (extra: Record<string, unknown> = {}) =>
    signTestJwt(claims(extra), h.secrets.jwtSecret);
  /** A JWT with any header, signed with HMAC-SHA256 or -SHA512 and the real secret. */
  const forged = (header: object, body: object, hash = 'sha256', secret = h.secrets.jwtSecret) => {
    const input = `${b64(header)}.${b64(body)}`;
    return `${input}.${createHmac(hash, secret).update(input).digest('base64url')}`;
  };
  const call = (req: RawRequest & { bearer?: string | null }) => {
    const bearer = req.bearer === undefined ? token() : req.bearer;
    if (bearer) sentTokens.add(bearer);
    return send(h.api.url, {
      method: req.method ?? 'GET',
      path: req.path,
      ...(req.body === undefined ? {} : { body: req.body }),
      headers: {
        ...(req.body === undefined ? {} : json),
        ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
        ...req.headers,
      },
    });
  };
  const withBearer = (bearer: () => string | null) => () =>
    call({ path: config, bearer: bearer() });
  const patch =
    (body: unknown, headers: Record<string, string> = json) =>
    () =>
      call({
        method: 'PATCH',
        path: config,
        body: typeof body === 'string' ? body : JSON.stringify(body),
        headers,
      });
  const create = (body: Record<string, unknown>) => () =>
    call({
      method: 'POST',
      path: meetings,
      body: JSON.stringify({
        type: 'meeting',
        title: 'Weekly',
        ownerUserId: owner,
        ownerName: 'Ada',
        ...body,
      }),
    });
  const flipped = (jwt: string) => {
    const [head, payload, signature = ''] = jwt.split('.');
    const i = Math.floor(signature.length / 2);
    const swapped = signature[i] === 'A' ? 'B' : 'A';
    return `${head}.${payload}.${signature.slice(0, i)}${swapped}${signature.slice(i + 1)}`;
  };

  const cases: HostileCase[] = [
    // Tokens: missing, in the wrong place, expired, forged
    {
      name: 'no Authorization header',
      send: withBearer(() => null),
      status: 401,
      code: invalidToken,
    },
    {
      name: 'Basic credentials instead of a bearer token',
      send: () =>
        call({
          path: config,
          bearer: null,
          headers: { authorization: `Basic ${b64('admin:admin')}` },
        }),
      status: 401,
      code: invalidToken,
    },
    {
      name: '"Bearer" with no token',
      send: () => call({ path: config, bearer: null, headers: { authorization: 'Bearer ' } }),
      status: 401,
      code: invalidToken,
    },
    {
      name: 'the token in the query string',
      send: () => call({ path: `${config}?access_token=${token()}`, bearer: null }),
      status: 401,
      code: invalidToken,
    },
    {
      name: 'the token in a cookie',
      send: () => call({ path: config, bearer: null, headers: { cookie: `token=${token()}` } }),
      status: 401,
      code: invalidToken,
    },
    {
      name: 'the token in an X-Api-Key header',
      send: () => call({ path: config, bearer: null, headers: { 'x-api-key': token() } }),
      status: 401,
      code: invalidToken,
    },
    {
      name: 'the token in the JSON body',
      send: () =>
        call({
          method: 'PATCH',
          path: config,
          bearer: null,
          body: JSON.stringify({ token: token(), key: 'notifications.enabled', value: false }),
        }),
      status: 401,
      code: invalidToken,
    },
    {
      name: 'the JWT secret itself as the token',
      send: withBearer(() => h.secrets.jwtSecret),
      status: 401,
      code: invalidToken,
    },
    {
      name: 'an expired token',
      send: withBearer(() => token({ exp: Math.floor(Date.now() / 1000) - 3600 })),
      status: 401,
      code: invalidToken,
    },
    {
      name: 'a token not valid for another hour (nbf)',
      send: withBearer(() => token({ nbf: inAMinute() + 3600 })),
      status: 401,
      code: invalidToken,
    },
    {
      name: 'an alg:none token without signature',
      send: withBearer(() => `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims())}.`),
      status: 401,
      code: invalidToken,
    },
    {
      name: 'an alg:none token with a signature',
      send: withBearer(() => forged({ alg: 'none' }, claims())),
      status: 401,
      code: invalidToken,
    },
    {
      name: 'an RS256 header over an HMAC signature (key confusion)',
      send: withBearer(() => forged({ alg: 'RS256', typ: 'JWT' }, claims())),
      status: 401,
      code: invalidToken,
    },
    {
      name: 'an HS512 token signed with the right secret',
      send: withBearer(() => forged({ alg: 'HS512', typ: 'JWT' }, claims(), 'sha512')),
      status: 401,
      code: invalidToken,
    },
    {
      name: 'alg spelled "hs256"',
      send: withBearer(() => forged({ alg: 'hs256' }, claims())),
      status: 401,
      code: invalidToken,
    },
    {
      name: 'a signature with one character changed',
      send: withBearer(() => flipped(token())),
      status: 401,
      code: invalidToken,
    },
    {
      name: 'a token signed with another secret',
      send: withBearer(() =>
        forged({ alg: 'HS256' }, claims(), 'sha256', `${h.secrets.jwtSecret}-other`),
      ),
      status: 401,
      code: invalidToken,
    },
    {
      name: 'the signature stripped off',
      send: withBearer(() => `${token().split('.').slice(0, 2).join('.')}.`),
      status: 401,
      code: invalidToken,
    },
    {
      name: 'a token without exp',
      send: withBearer(() => forged({ alg: 'HS256' }, { sub: 'x' })),
      status: 401,
      code: invalidToken,
    },
    {
      name: 'exp given as a string',
      send: withBearer(() => forged({ alg: 'HS256' }, { sub: 'x', exp: 'never' })),
      status: 401,
      code: invalidToken,
    },
    {
      name: 'an empty sub',
      send: withBearer(() => forged({ alg: 'HS256' }, { sub: '', exp: inAMinute() })),
      status: 401,
      code: invalidToken,
    },
    {
      name: 'a 5,000-character token',
      send: withBearer(() => `${token()}${'A'.repeat(5000)}`),
      status: 401,
      code: invalidToken,
    },
    {
      name: 'a token of two parts',
      send: withBearer(() => token().split('.').slice(0, 2).join('.')),
      status: 401,
      code: invalidToken,
    },
    {
      name: 'a header that is not JSON',
      send: withBearer(() => `${b64('{"alg":')}.${b64(claims())}.sig`),
      status: 401,
      code: invalidToken,
    },
    {
      name: 'a token limited to another guild',
      send: withBearer(() => token({ guilds: [otherGuild] })),
      status: 403,
      code: 'AUTH.GUILD_FORBIDDEN',
    },
    {
      name: 'a token of another guild writing to this one',
      send: () =>
        call({
          method: 'PATCH',
          path: config,
          bearer: token({ guilds: [otherGuild] }),
          body: JSON.stringify({ key: 'notifications.enabled', value: false }),
        }),
      status: 403,
      code: 'AUTH.GUILD_FORBIDDEN',
    },
    // Tokens that fail closed (issue 13): guilds or operator, scopes, iss/aud, lifetime, jti
    {
      name: 'a token without guilds and without the operator scope',
      send: withBearer(() => token({ guilds: undefined })),
      status: 401,
      code: invalidToken,
    },
    {
      name: 'a token with an empty guilds list',
      send: withBearer(() => token({ guilds: [] })),
      status: 401,
      code: invalidToken,
    },
    {
      name: 'a read-only token on a write route (PATCH config)',
      send: () =>
        call({
          method: 'PATCH',
          path: config,
          bearer: token({ scope: 'read' }),
          body: JSON.stringify({ key: 'notifications.enabled', value: false }),
        }),
      status: 403,
      code: 'AUTH.INSUFFICIENT_SCOPE',
    },
    {
      name: 'a read-only token creating a meeting',
      send: () =>
        call({
          method: 'POST',
          path: meetings,
          bearer: token({ scope: 'read' }),
          body: JSON.stringify({ type: 'meeting', title: 'W', ownerUserId: owner, ownerName: 'A' }),
        }),
      status: 403,
      code: 'AUTH.INSUFFICIENT_SCOPE',
    },
    {
      name: 'a guild write token revoking a token (operator route)',
      send: () =>
        call({
          method: 'POST',
          path: `/api/v1/tokens/${randomUUID()}/revoke`,
          body: JSON.stringify({ reason: 'x' }),
        }),
      status: 403,
      code: 'AUTH.INSUFFICIENT_SCOPE',
    },
    {
      name: 'a guild token reading the install-wide summary (operator route)',
      send: () => call({ path: '/api/v1/metrics/summary' }),
      status: 403,
      code: 'AUTH.INSUFFICIENT_SCOPE',
    },
    {
      name: 'a token without scope',
      send: withBearer(() => token({ scope: undefined })),
      status: 401,
      code: invalidToken,
    },
    {
      name: 'a token with an unknown scope ("admin")',
      send: withBearer(() => token({ scope: 'admin' })),
      status: 401,
      code: invalidToken,
    },
    {
      name: 'a token of another issuer',
      send: withBearer(() => token({ iss: 'someone-else' })),
      status: 401,
      code: invalidToken,
    },
    {
      name: 'a token without iss',
      send: withBearer(() => token({ iss: undefined })),
      status: 401,
      code: invalidToken,
    },
    {
      name: 'a token for another audience',
      send: withBearer(() => token({ aud: 'another-api' })),
      status: 401,
      code: invalidToken,
    },
    {
      name: 'a token without aud',
      send: withBearer(() => token({ aud: undefined })),
      status: 401,
      code: invalidToken,
    },
    {
      name: 'a token living 31 days (over the 30-day cap)',
      send: withBearer(() => token({ iat: nowS(), exp: nowS() + 31 * day })),
      status: 401,
      code: invalidToken,
    },
    {
      name: 'a token without iat',
      send: withBearer(() => token({ iat: undefined })),
      status: 401,
      code: invalidToken,
    },
    {
      name: 'a token issued in the future (iat in an hour)',
      send: withBearer(() => token({ iat: nowS() + 3600, exp: nowS() + 7200 })),
      status: 401,
      code: invalidToken,
    },
    {
      name: 'a token without jti',
      send: withBearer(() => token({ jti: undefined })),
      status: 401,
      code: invalidToken,
    },
    {
      name: 'a token whose jti is not a subject token',
      send: withBearer(() => token({ jti: 'a.b.>' })),
      status: 401,
      code: invalidToken,
    },
    {
      name: 'a revoked token',
      send: withBearer(() => token({ jti: revokedJti })),
      status: 401,
      code: 'AUTH.TOKEN_REVOKED',
    },
    {
      name: 'a revoked operator token',
      send: withBearer(() => token({ jti: revokedJti, guilds: undefined, scope: 'operator' })),
      status: 401,
      code: 'AUTH.TOKEN_REVOKED',
    },
    {
      name: 'an operator token revoking a jti that is not a subject token',
      send: () =>
        call({
          method: 'POST',
          path: '/api/v1/tokens/a.b/revoke',
          bearer: token({ guilds: undefined, scope: 'operator' }),
          body: '{}',
        }),
      status: 400,
      code: invalidRequest,
    },
    // Ids in the path
    {
      name: 'SQL injection as the guild id',
      send: () => call({ path: `/api/v1/guilds/1%20OR%201%3D1/config` }),
      status: 400,
      code: invalidRequest,
    },
    {
      name: 'an encoded path traversal as the guild id',
      send: () => call({ path: `/api/v1/guilds/..%2F..%2F..%2Fetc%2Fpasswd/config` }),
      status: 400,
      code: invalidRequest,
    },
    {
      name: 'a raw ../ path traversal',
      send: () => call({ path: `/api/v1/guilds/${guild}/../../../../etc/passwd` }),
      status: 404,
      code: 'HTTP.NOT_FOUND',
    },
    {
      name: 'an oversized guild id (5,000 digits)',
      send: () => call({ path: `/api/v1/guilds/${'9'.repeat(5000)}/config` }),
      status: 400,
      code: invalidRequest,
    },
    {
      name: 'a broken percent-encoding in the guild id',
      send: () => call({ path: `/api/v1/guilds/%E0%A4%A/config` }),
      status: 400,
      code: 'HTTP.BAD_REQUEST',
    },
    {
      name: 'a NUL in the meeting id',
      send: () =>
        call({
          method: 'POST',
          path: `${meetings}/m%00/end`,
          body: JSON.stringify({ byUserId: owner }),
        }),
      status: 404,
      code: 'MEETING.NOT_FOUND',
    },
    {
      name: 'an encoded path traversal as the meeting id',
      send: () =>
        call({
          method: 'POST',
          path: `${meetings}/..%2F..%2Fconfig/end`,
          body: JSON.stringify({ byUserId: owner }),
        }),
      status: 404,
      code: 'MEETING.NOT_FOUND',
    },
    {
      name: 'an oversized meeting id (3,000 characters)',
      send: () =>
        call({
          method: 'POST',
          path: `${meetings}/${'m'.repeat(3000)}/join-url`,
          body: JSON.stringify({ userId: owner, displayName: 'Ada' }),
        }),
      status: 400,
      code: invalidRequest,
    },
    {
      name: 'a well-formed but unknown meeting id',
      send: () =>
        call({
          method: 'POST',
          path: `${meetings}/m0000000000/join-url`,
          body: JSON.stringify({ userId: owner, displayName: 'Ada' }),
        }),
      status: 404,
      code: 'MEETING.NOT_FOUND',
    },
    // Bodies: malformed, wrong content type, wrong types, oversized, deep, unstorable text
    {
      name: 'malformed JSON',
      send: patch('{"key": "notifications.enabled",'),
      status: 400,
      code: 'HTTP.BAD_REQUEST',
    },
    {
      name: 'a text/plain body',
      send: patch('key=notifications.enabled', { 'content-type': 'text/plain' }),
      status: 415,
      code: 'HTTP.UNSUPPORTED_MEDIA_TYPE',
    },
    {
      name: 'a form-encoded body',
      send: patch('key=notifications.enabled&value=false', {
        'content-type': 'application/x-www-form-urlencoded',
      }),
      status: 415,
      code: 'HTTP.UNSUPPORTED_MEDIA_TYPE',
    },
    {
      name: 'an empty body',
      send: () => call({ method: 'PATCH', path: config, headers: { 'content-length': '0' } }),
      status: 400,
      code: invalidRequest,
    },
    {
      name: 'a JSON array body',
      send: patch([{ key: 'notifications.enabled', value: false }]),
      status: 400,
      code: invalidRequest,
    },
    {
      name: 'a number as the key',
      send: patch({ key: 42, value: false }),
      status: 400,
      code: invalidRequest,
    },
    {
      name: 'an object for a boolean setting',
      send: patch({ key: 'notifications.enabled', value: { $ne: null } }),
      status: 400,
      code: 'CONFIG.INVALID_VALUE',
    },
    {
      name: 'a 60 kB string for a boolean setting',
      send: patch({ key: 'notifications.enabled', value: 'y'.repeat(60_000) }),
      status: 400,
      code: 'CONFIG.INVALID_VALUE',
    },
    {
      name: 'SQL injection as the key',
      send: patch({ key: "notifications.enabled'; DROP TABLE kd.guild_config; --", value: false }),
      status: 400,
      code: 'CONFIG.UNKNOWN_KEY',
    },
    {
      name: 'a prototype-pollution key',
      send: patch({ key: '__proto__.polluted', value: true }),
      status: 400,
      code: /^CONFIG\.UNKNOWN_(KEY|SECTION)$/,
    },
    {
      name: 'a template that evaluates code',
      send: patch({
        key: 'notifications.templates.meeting_start',
        value: '{{constructor.constructor("return process")()}}',
      }),
      status: 400,
      code: 'CONFIG.INVALID_VALUE',
    },
    {
      name: 'a template with an unknown placeholder',
      send: patch({
        key: 'notifications.templates.meeting_start',
        value: 'Hi {{process.env.JWT_SECRET}}',
      }),
      status: 400,
      code: 'CONFIG.INVALID_VALUE',
    },
    {
      name: 'a value nested 10,000 levels deep',
      send: patch(`{"key":"notifications.enabled","value":${deeplyNestedObject(10_000)}}`),
      status: 400,
      code: 'HTTP.BODY_TOO_DEEP',
    },
    {
      name: 'a NUL in a config value',
      send: patch({ key: 'notifications.templates.meeting_start', value: 'Live: {{title}}\u0000' }),
      status: 400,
      code: 'HTTP.INVALID_TEXT',
    },
    {
      name: 'a body over the 64 kB limit',
      send: patch({ key: 'notifications.enabled', value: 'x'.repeat(100_000) }),
      status: 413,
      code: 'HTTP.PAYLOAD_TOO_LARGE',
    },
    {
      name: 'a Content-Length of 10 GB',
      send: () =>
        call({
          method: 'PATCH',
          path: config,
          body: '{}',
          headers: { ...json, 'content-length': '10000000000' },
        }),
      status: 413,
      code: 'HTTP.PAYLOAD_TOO_LARGE',
    },
    {
      name: 'a lone surrogate in a meeting title',
      send: create({ title: 'Weekly \udc00' }),
      status: 400,
      code: 'HTTP.INVALID_TEXT',
    },
    {
      name: 'a title over 200 characters',
      send: create({ title: 't'.repeat(201) }),
      status: 400,
      code: invalidRequest,
    },
    {
      name: 'a title of spaces only',
      send: create({ title: '   ' }),
      status: 400,
      code: invalidRequest,
    },
    {
      name: 'a number as the title',
      send: create({ title: 12345 }),
      status: 400,
      code: invalidRequest,
    },
    {
      name: 'an owner id that is not a snowflake',
      send: create({ ownerUserId: "' OR '1'='1" }),
      status: 400,
      code: invalidRequest,
    },
    {
      name: 'a meeting type we do not have',
      send: create({ type: 'townhall' }),
      status: 400,
      code: invalidRequest,
    },
    {
      name: 'a Kaltura role that is injection',
      send: () =>
        call({
          method: 'POST',
          path: `${meetings}/m0000000000/join-url`,
          body: JSON.stringify({ userId: owner, displayName: 'Ada', kalturaRole: "adminRole'--" }),
        }),
      status: 400,
      code: invalidRequest,
    },
    // HTTP framing Node's parser refuses before Express sees it
    {
      name: 'a 20 kB Authorization header',
      send: withBearer(() => 'a'.repeat(20_000)),
      status: 431,
      code: 'HTTP.HEADERS_TOO_LARGE',
    },
    {
      name: 'a garbage request line',
      send: () => sendBytes(h.api.url, 'GARBAGE\r\n\r\n'),
      status: 400,
      code: 'HTTP.BAD_REQUEST',
    },
    {
      name: 'a header line without a colon',
      send: () =>
        sendBytes(h.api.url, `GET ${config} HTTP/1.1\r\nHost: x\r\nBroken header\r\n\r\n`),
      status: 400,
      code: 'HTTP.BAD_REQUEST',
    },
    // Routes that do not exist
    {
      name: 'PUT on the configuration',
      send: () => call({ method: 'PUT', path: config, body: '{}' }),
      status: 404,
      code: 'HTTP.NOT_FOUND',
    },
    {
      name: 'an API version that does not exist',
      send: () => call({ path: `/api/v2/guilds/${guild}/config` }),
      status: 404,
      code: 'HTTP.NOT_FOUND',
    },
  ];

  it.each(cases)('rejects $name with $status and records nothing', async (c) => {
    await expectRejectedWithoutEvents(h.t, c);
  });

  const eventsOf = (type: string) => h.t.eventsOfType(type);

  // Text that only looks dangerous is data: stored verbatim, never evaluated or interpolated.
  it.each([
    ['SQL injection', "Robert'); DROP TABLE kd.meetings; --"],
    ['a template expression', '{{7*7}} ${process.env.JWT_SECRET} <%= 7*7 %>'],
    ['an RTL override and zero-width characters', 'weekly \u202Egnitteem\u200B sync'],
    ['emoji', '🚀 launch review 👩🏽‍💻'],
  ])('creates a meeting titled with %s, stored verbatim', async (_label, title) => {
    const response = await create({ title })();
    expect(response.status).toBe(201);
    expect(JSON.parse(response.text)).toMatchObject({ meeting: { title } });
    const created = (await eventsOf('meeting.created')).map(
      (e) => (e.payload as { title: string }).title,
    );
    expect(created).toContain(title);
  });

  it('stores a template with ${…} verbatim and renders only its known placeholders', async () => {
    const value = 'Live: {{title}} ${process.env.JWT_SECRET} `whoami`';
    const response = await patch({ key: 'notifications.templates.meeting_start', value })();
    expect(response.status).toBe(200);
    const view = await call({ path: config });
    const effective = JSON.parse(view.text) as {
      effective: { notifications: { templates: { meeting_start: string } } };
    };
    expect(effective.effective.notifications.templates.meeting_start).toBe(value);
  });

  it('stays healthy, with steady memory, clean logs and labels free of personal data', async () => {
    await expectSteadyAndClean(h, cases, {
      pid,
      sentSecrets: [...sentTokens].flatMap((t) => [t, t.split('.')[2] ?? '']),
      personalValues: [guild, otherGuild, owner, 'hostile-suite'],
    });
  });
});
