import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { signDiscordRequest } from '@kd/discord';
import {
  buttonInteraction,
  commandInteraction,
  interactionApplicationId,
  snowflakeFor,
  waitFor,
} from '@kd/testing';
import {
  deeplyNested,
  expectRejectedWithoutEvents,
  expectSteadyAndClean,
  generateDiscordKeys,
  send,
  startHostileApi,
  storedEvents,
  type HostileApi,
  type HostileCase,
} from './hostile-kit.js';

const json = { 'content-type': 'application/json' };
const badSignature = 'INTERACTION.BAD_SIGNATURE';
const invalid = 'DISCORD.INVALID_INTERACTION';
const now = () => Math.floor(Date.now() / 1000);
const keys = generateDiscordKeys();

describe('hostile input: POST /interactions', () => {
  let h: HostileApi;
  let pid: number;

  beforeAll(async () => {
    h = await startHostileApi({}, keys);
    pid = h.api.process.pid ?? 0;
  });
  afterAll(async () => {
    await h?.stop();
  });

  const sign = (body: string | Buffer, timestamp?: number) =>
    signDiscordRequest(body, keys.privateKey, timestamp).headers;
  /** Signed exactly like Discord signs, then sent with these extra (or overriding) headers. */
  const signed =
    (body: string | Buffer, headers: Record<string, string> = json) =>
    () =>
      send(h.api.url, { path: '/interactions', body, headers: { ...sign(body), ...headers } });
  const unsigned =
    (body: string | Buffer, headers: Record<string, string | number> = json) =>
    () =>
      send(h.api.url, { path: '/interactions', body, headers });
  const ping = (extra: Record<string, unknown> = {}) =>
    JSON.stringify({
      id: snowflakeFor(1_000_001),
      type: 1,
      application_id: interactionApplicationId,
      token: 'ping-token',
      ...extra,
    });
  const command = (patch: (i: ReturnType<typeof commandInteraction>) => unknown) =>
    JSON.stringify(patch(commandInteraction('kaltura-list')));
  const withTitle = (title: string) =>
    JSON.stringify(commandInteraction('kaltura-start', { type: 'meeting', title }));

  const cases: HostileCase[] = [
    // Malformed bodies and content types
    {
      name: 'malformed JSON (signed)',
      send: signed('{"type": 1,'),
      status: 400,
      code: 'HTTP.BAD_REQUEST',
    },
    {
      name: 'truncated JSON without a signature',
      send: unsigned('{"id":'),
      status: 400,
      code: 'HTTP.BAD_REQUEST',
    },
    {
      name: 'a bare JSON string instead of an object',
      send: signed('"ping"'),
      status: 400,
      code: 'HTTP.BAD_REQUEST',
    },
    {
      name: 'a JSON array instead of an object',
      send: signed('[1,2,3]'),
      status: 400,
      code: invalid,
    },
    {
      name: 'text/plain (signed)',
      send: signed(ping(), { 'content-type': 'text/plain' }),
      status: 415,
      code: 'INTERACTION.UNSUPPORTED_MEDIA_TYPE',
    },
    {
      name: 'no content type at all (signed)',
      send: signed(ping(), {}),
      status: 415,
      code: 'INTERACTION.UNSUPPORTED_MEDIA_TYPE',
    },
    {
      name: 'a form-encoded body (signed)',
      send: signed('type=1&id=1', { 'content-type': 'application/x-www-form-urlencoded' }),
      status: 415,
      code: 'INTERACTION.UNSUPPORTED_MEDIA_TYPE',
    },
    {
      name: 'a UTF-16 charset',
      send: signed(ping(), { 'content-type': 'application/json; charset=utf-16' }),
      status: 415,
      code: 'HTTP.UNSUPPORTED_MEDIA_TYPE',
    },
    {
      name: 'an unknown content encoding',
      send: signed(ping(), { ...json, 'content-encoding': 'compress' }),
      status: 415,
      code: 'HTTP.UNSUPPORTED_MEDIA_TYPE',
    },
    // Size and depth
    {
      name: 'a body over the 64 kB limit (signed)',
      send: signed(ping({ pad: 'x'.repeat(200_000) })),
      status: 413,
      code: 'HTTP.PAYLOAD_TOO_LARGE',
    },
    {
      name: 'a Content-Length of 10 GB',
      send: unsigned('{}', { ...json, 'content-length': 10_000_000_000 }),
      status: 413,
      code: 'HTTP.PAYLOAD_TOO_LARGE',
    },
    {
      name: 'a gzip bomb (10 MB of JSON in a few kB)',
      send: unsigned(gzipSync(`{"pad":"${' '.repeat(10_000_000)}"}`), {
        ...json,
        'content-encoding': 'gzip',
      }),
      status: 413,
      code: 'HTTP.PAYLOAD_TOO_LARGE',
    },
    {
      name: 'JSON nested 10,000 levels deep (unsigned)',
      send: unsigned(deeplyNested(10_000)),
      status: 400,
      code: 'HTTP.BODY_TOO_DEEP',
    },
    {
      name: 'command options nested 1,500 levels deep (signed, under the size limit)',
      send: signed(
        JSON.stringify(commandInteraction('kaltura-list')).replace(
          '"options":[]',
          `"options":${deeplyNestedOptions(1_500)}`,
        ),
      ),
      status: 400,
      code: 'HTTP.BODY_TOO_DEEP',
    },
    // Signatures, timestamps and replays
    { name: 'no signature headers', send: unsigned(ping()), status: 401, code: badSignature },
    {
      name: 'a signature without its timestamp',
      send: unsigned(ping(), {
        ...json,
        'x-signature-ed25519': sign(ping())['x-signature-ed25519'],
      }),
      status: 401,
      code: badSignature,
    },
    {
      name: 'a forged signature (random bytes)',
      send: signed(ping(), { ...json, 'x-signature-ed25519': 'ab'.repeat(64) }),
      status: 401,
      code: badSignature,
    },
    {
      name: 'a signature by another key',
      send: () => {
        const body = ping();
        const other = signDiscordRequest(body, generateDiscordKeys().privateKey).headers;
        return send(h.api.url, { path: '/interactions', body, headers: { ...json, ...other } });
      },
      status: 401,
      code: badSignature,
    },
    {
      name: 'a signature that is not hex',
      send: signed(ping(), { ...json, 'x-signature-ed25519': 'zz'.repeat(64) }),
      status: 401,
      code: badSignature,
    },
    {
      name: 'an 8 kB signature header',
      send: signed(ping(), { ...json, 'x-signature-ed25519': 'a'.repeat(8192) }),
      status: 401,
      code: badSignature,
    },
    {
      name: 'a genuine signature over another body (tampered)',
      send: () =>
        send(h.api.url, {
          path: '/interactions',
          body: ping({ token: 'swapped' }),
          headers: { ...json, ...sign(ping()) },
        }),
      status: 401,
      code: badSignature,
    },
    {
      name: 'a replayed request signed 10 minutes ago',
      send: () =>
        send(h.api.url, {
          path: '/interactions',
          body: ping(),
          headers: { ...json, ...sign(ping(), now() - 600) },
        }),
      status: 401,
      code: badSignature,
    },
    {
      name: 'a timestamp an hour in the future',
      send: () =>
        send(h.api.url, {
          path: '/interactions',
          body: ping(),
          headers: { ...json, ...sign(ping(), now() + 3600) },
        }),
      status: 401,
      code: badSignature,
    },
    {
      name: 'a non-numeric timestamp',
      send: signed(ping(), { ...json, 'x-signature-timestamp': 'yesterday' }),
      status: 401,
      code: badSignature,
    },
    {
      name: 'the signature in the query string instead of the headers',
      send: () => {
        const { 'x-signature-ed25519': sig, 'x-signature-timestamp': ts } = sign(ping());
        return send(h.api.url, {
          path: `/interactions?signature=${sig}&timestamp=${ts}`,
          body: ping(),
          headers: json,
        });
      },
      status: 401,
      code: badSignature,
    },
    // Wrong types, unknown shapes, oversized ids (all correctly signed)
    {
      name: 'type given as a string',
      send: signed(ping({ type: '1' })),
      status: 400,
      code: invalid,
    },
    {
      name: 'an interaction type we do not serve (3, message component)',
      send: signed(ping({ type: 3 })),
      status: 400,
      code: invalid,
    },
    {
      name: 'an id that is not a snowflake',
      send: signed(ping({ id: '1 OR 1=1; --' })),
      status: 400,
      code: invalid,
    },
    {
      name: 'an oversized id (4,000 digits)',
      send: signed(ping({ id: '9'.repeat(4000) })),
      status: 400,
      code: invalid,
    },
    {
      name: 'an id that is a path traversal',
      send: signed(ping({ id: '../../../etc/passwd' })),
      status: 400,
      code: invalid,
    },
    {
      name: 'a token over 1,000 characters',
      send: signed(ping({ token: 't'.repeat(5000) })),
      status: 400,
      code: invalid,
    },
    {
      name: 'a command without member or user',
      send: signed(command(({ member: _m, ...rest }) => rest)),
      status: 400,
      code: invalid,
    },
    {
      name: 'an option value that is an object',
      send: signed(
        command((i) => ({
          ...i,
          data: { ...i.data, options: [{ name: 'x', type: 3, value: { $gt: '' } }] },
        })),
      ),
      status: 400,
      code: invalid,
    },
    {
      name: 'member permissions that are not a number',
      send: signed(command((i) => ({ ...i, member: { ...i.member, permissions: 'ALL' } }))),
      status: 400,
      code: invalid,
    },
    // Text PostgreSQL cannot store (jsonb refuses NUL and lone surrogates)
    {
      name: 'a NUL character in a title',
      send: signed(withTitle('before\u0000after')),
      status: 400,
      code: 'HTTP.INVALID_TEXT',
    },
    {
      name: 'a lone surrogate in a title',
      send: signed(withTitle('broken \ud800 pair')),
      status: 400,
      code: 'HTTP.INVALID_TEXT',
    },
    {
      name: 'a NUL character in a key',
      send: signed(ping({ ['to\u0000ken']: 'x' })),
      status: 400,
      code: 'HTTP.INVALID_TEXT',
    },
    // Button presses (MESSAGE_COMPONENT) Discord would never send
    {
      name: 'a button custom_id over 100 characters',
      send: signed(JSON.stringify(buttonInteraction(`kd1:join:${'m'.repeat(100)}`))),
      status: 400,
      code: invalid,
    },
    {
      name: 'a button custom_id that is not a string',
      send: signed(
        JSON.stringify({
          ...buttonInteraction('x'),
          data: { custom_id: { $ne: '' }, component_type: 2 },
        }),
      ),
      status: 400,
      code: invalid,
    },
    {
      name: 'a button press by nobody (no member, no user)',
      send: signed(
        JSON.stringify({ ...buttonInteraction('kd1:join:m0123456789'), member: undefined }),
      ),
      status: 400,
      code: invalid,
    },
    // Wrong method
    {
      name: 'GET instead of POST',
      send: () => send(h.api.url, { method: 'GET', path: '/interactions' }),
      status: 404,
      code: 'HTTP.NOT_FOUND',
    },
  ];

  it.each(cases)('rejects $name with $status and records nothing', async (c) => {
    await expectRejectedWithoutEvents(h.t, c);
  });

  const eventsOf = (type: string) => h.t.eventsOfType(type);

  it('records a replayed (byte-identical, re-signed) interaction once', async () => {
    const body = JSON.stringify(
      commandInteraction('kaltura-config-update', {
        subcommand: 'switch',
        key: 'notifications.enabled',
        value: false,
      }),
    );
    const headers = { ...json, ...sign(body) };
    const first = await send(h.api.url, { path: '/interactions', body, headers });
    expect(first.status).toBe(200);
    const id = (JSON.parse(body) as { id: string }).id;
    await waitFor(async () =>
      (await eventsOf('command.executed')).some(
        (e) => (e.payload as { interactionId: string }).interactionId === id,
      )
        ? true
        : undefined,
    );
    const before = await storedEvents(h.t);
    for (const replay of [headers, { ...json, ...sign(body) }]) {
      const again = await send(h.api.url, { path: '/interactions', body, headers: replay });
      expect(again.status).toBe(200);
      expect(JSON.parse(again.text)).toMatchObject({
        data: { content: 'This interaction was already handled.' },
      });
    }
    expect(await storedEvents(h.t)).toBe(before);
    expect((await eventsOf('config.updated')).length).toBe(1);
  });

  // Free text that only looks dangerous is data: stored and shown verbatim, never evaluated.
  it.each([
    ['SQL injection', "x'); DROP TABLE kd.meetings; --"],
    ['a template expression', '{{constructor.constructor("return process")()}} ${process.exit(1)}'],
    ['an RTL override', 'meeting \u202Etxt.exe'],
    ['zero-width characters', 'zero\u200Bwidth\u200Djoiner\uFEFF'],
    ['emoji and astral characters', '🎉 launch 👩🏽‍💻 𝔘𝔫𝔦𝔠𝔬𝔡𝔢'],
  ])('creates a meeting titled with %s, verbatim', async (_label, title) => {
    const body = withTitle(title);
    const response = await send(h.api.url, {
      path: '/interactions',
      body,
      headers: { ...json, ...sign(body) },
    });
    expect(JSON.parse(response.text)).toEqual({ type: 5 });
    const created = await waitFor(async () =>
      (await eventsOf('meeting.created')).find(
        (e) => (e.payload as { title: string }).title === title.trim(),
      ),
    );
    expect(created.payload).toMatchObject({ title: title.trim() });
  });

  it('stays healthy, with steady memory, clean logs and labels free of personal data', async () => {
    await expectSteadyAndClean(h, cases, {
      pid,
      // every interaction token the suite sent (15-minute webhook tokens)
      sentSecrets: ['token-1000000000070'],
      personalValues: [snowflakeFor(901), snowflakeFor(903), snowflakeFor(904), 'ping-token'],
    });
  });
});

/** `[{"name":"o","type":1,"options":[…]}]` nested `depth` levels, as text. */
function deeplyNestedOptions(depth: number): string {
  const open = '[{"name":"o","type":1,"options":';
  return open.repeat(depth) + '[]' + '}]'.repeat(depth);
}
