import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { signKalturaNotification } from '@kd/kaltura';
import {
  deeplyNested,
  deeplyNestedObject,
  expectClearError,
  expectRejectedWithoutEvents,
  expectSteadyAndClean,
  hostileRequestTimeoutMs,
  send,
  startHostileApi,
  storedEvents,
  trickleBytes,
  type HostileApi,
  type HostileCase,
  type RawResponse,
} from './hostile-kit.js';

const json = 'application/json';
const form = 'application/x-www-form-urlencoded';
const badSignature = 'WEBHOOK.BAD_SIGNATURE';
let job = 7_000_000 + Math.floor(Math.random() * 1_000_000);

function notification(extra: Record<string, unknown> = {}) {
  return JSON.stringify({
    objectType: 'KalturaHttpNotification',
    object: { objectType: 'KalturaMediaEntry', id: '0_rec1', status: 2 },
    eventObjectType: 1,
    eventType: 3,
    eventNotificationJobId: ++job,
    templateSystemName: 'ENTRY_READY',
    partnerId: 100,
    ...extra,
  });
}

describe('hostile input: POST /webhooks/kaltura', () => {
  let h: HostileApi;
  let pid: number;

  beforeAll(async () => {
    h = await startHostileApi();
    pid = h.api.process.pid ?? 0;
  });
  afterAll(async () => {
    await h?.stop();
  });

  const post = (body: string | Buffer, headers: Record<string, string | number>) =>
    send(h.api.url, { path: '/webhooks/kaltura', body, headers });
  /** Signed as Kaltura signs (hash of secret + raw bytes), with these headers on top. */
  const signed =
    (
      body: string | Buffer,
      headers: Record<string, string | number> = { 'content-type': json },
      secret?: string,
    ) =>
    () =>
      post(body, {
        'x-kaltura-signature': signKalturaNotification(
          body,
          secret ?? h.secrets.kalturaWebhookSecret,
          'sha256',
        ),
        'x-kaltura-hash-algo': 'sha256',
        ...headers,
      });
  const unsigned =
    (body: string | Buffer, headers: Record<string, string | number> = {}) =>
    () =>
      post(body, { 'content-type': json, ...headers });

  const cases: HostileCase[] = [
    // Signatures
    { name: 'no signature', send: unsigned(notification()), status: 401, code: badSignature },
    {
      name: 'a forged signature (random hex)',
      send: unsigned(notification(), {
        'x-kaltura-signature': 'ab'.repeat(32),
        'x-kaltura-hash-algo': 'sha256',
      }),
      status: 401,
      code: badSignature,
    },
    {
      name: 'a signature made with the admin secret, not the webhook secret',
      send: () => signed(notification(), undefined, h.secrets.kalturaAdminSecret)(),
      status: 401,
      code: badSignature,
    },
    {
      name: 'a genuine signature over another body (tampered)',
      send: () => {
        const genuine = notification();
        return post(notification(), {
          'content-type': json,
          'x-kaltura-signature': signKalturaNotification(
            genuine,
            h.secrets.kalturaWebhookSecret,
            'sha256',
          ),
          'x-kaltura-hash-algo': 'sha256',
        });
      },
      status: 401,
      code: badSignature,
    },
    {
      name: 'an md5 algorithm',
      send: signed(notification(), { 'content-type': json, 'x-kaltura-hash-algo': 'md5' }),
      status: 401,
      code: badSignature,
    },
    {
      name: 'algorithm "none" with an empty signature',
      send: unsigned(notification(), { 'x-kaltura-hash-algo': 'none', 'x-kaltura-signature': '' }),
      status: 401,
      code: badSignature,
    },
    {
      name: 'a signature that is not hex',
      send: unsigned(notification(), {
        'x-kaltura-signature': 'zz'.repeat(32),
        'x-kaltura-hash-algo': 'sha256',
      }),
      status: 401,
      code: badSignature,
    },
    {
      name: 'an 8 kB signature header',
      send: unsigned(notification(), { 'x-kaltura-signature': 'a'.repeat(8192) }),
      status: 401,
      code: badSignature,
    },
    {
      name: 'the signature in the query string',
      send: () =>
        send(h.api.url, {
          path: `/webhooks/kaltura?signature=${signKalturaNotification(notification(), h.secrets.kalturaWebhookSecret)}`,
          body: notification(),
          headers: { 'content-type': json },
        }),
      status: 401,
      code: badSignature,
    },
    // Content types (checked before the signature)
    {
      name: 'a UTF-16 charset',
      send: signed(notification(), { 'content-type': `${json}; charset=utf-16le` }),
      status: 415,
      code: 'HTTP.UNSUPPORTED_MEDIA_TYPE',
    },
    // Size and depth
    {
      name: 'a body over the 64 kB limit',
      send: signed(notification({ pad: 'x'.repeat(100_000) })),
      status: 413,
      code: 'HTTP.PAYLOAD_TOO_LARGE',
    },
    {
      name: 'a Content-Length of 10 GB',
      send: unsigned('{}', { 'content-length': 10_000_000_000 }),
      status: 413,
      code: 'HTTP.PAYLOAD_TOO_LARGE',
    },
    {
      name: 'a gzip bomb',
      send: unsigned(gzipSync(`{"pad":"${' '.repeat(10_000_000)}"}`), {
        'content-encoding': 'gzip',
      }),
      // Never inflated: signed bodies are taken as sent, and Kaltura does not compress them.
      status: 415,
      code: 'HTTP.UNSUPPORTED_MEDIA_TYPE',
    },
    // Wrong method
    {
      name: 'GET instead of POST',
      send: () => send(h.api.url, { method: 'GET', path: '/webhooks/kaltura' }),
      status: 404,
      code: 'HTTP.NOT_FOUND',
    },
  ];

  it.each(cases)('rejects $name with $status and records nothing', async (c) => {
    await expectRejectedWithoutEvents(h.t, c);
  });

  /*
   * Correctly signed but unreadable: Kaltura sent it and would retry anything but 200 for a day,
   * so it is parked once (`kaltura.webhook_parked`, keyed by the body's hash) and answered 200.
   * Nothing else is recorded: no `kaltura.webhook_received`, no meeting event.
   */
  const unreadable: [string, () => Promise<RawResponse>][] = [
    ['malformed JSON', signed('{"eventType": 3,')],
    ['JSON that is not a notification', signed('{"hello":"world"}')],
    ['a JSON array', signed('[1,2,3]')],
    ['eventType as an object', signed(notification({ eventType: { $gt: 0 } }))],
    ['a form body without data=', signed('other=1', { 'content-type': form })],
    ['a form body whose data= is not JSON', signed('data=%7Bnope', { 'content-type': form })],
    ['JSON nested 10,000 levels deep', signed(deeplyNested(10_000))],
    [
      'an object nested 5,000 levels deep inside the notification',
      signed(notification({ extra: '§' }).replace('"§"', deeplyNestedObject(5_000))),
    ],
    [
      'a data= form nested 5,000 levels deep',
      signed(
        `data=${encodeURIComponent(notification().replace('"partnerId":100', `"partnerId":100,"x":${deeplyNested(5_000)}`))}`,
        { 'content-type': form },
      ),
    ],
    [
      'a path traversal as the job id',
      signed(notification({ eventNotificationJobId: '../../../etc/passwd' })),
    ],
    [
      'an oversized job id (5,000 digits)',
      signed(notification({ eventNotificationJobId: '9'.repeat(5000) })),
    ],
    ['a fractional job id', signed(notification({ eventNotificationJobId: 1.5 }))],
    [
      'an oversized object id',
      signed(
        notification({ object: { objectType: 'KalturaMediaEntry', id: `0_${'a'.repeat(3000)}` } }),
      ),
    ],
    [
      'a NUL in the template name',
      signed(notification({ templateSystemName: 'ENTRY\u0000READY' })),
    ],
    [
      'a lone surrogate in the object id',
      signed(notification({ object: { objectType: 'KalturaMediaEntry', id: '0_\ud800' } })),
    ],
    [
      'a NUL inside a data= form',
      signed(`data=${encodeURIComponent(notification({ templateSystemName: 'A\u0000B' }))}`, {
        'content-type': form,
      }),
    ],
  ];

  it.each(unreadable)('parks %s once, answers 200, records nothing else', async (_name, post) => {
    const before = await storedEvents(h.t);
    const received = (await h.t.eventsOfType('kaltura.webhook_received')).length;
    for (let i = 0; i < 2; i++) {
      const response = await post();
      expect(response.status).toBe(200);
      expect(JSON.parse(response.text)).toEqual({ status: 'parked', jobId: null });
    }
    expect(await storedEvents(h.t)).toBe(before + 1);
    expect(await h.t.eventsOfType('kaltura.webhook_received')).toHaveLength(received);
    expect((await h.t.eventsOfType('kaltura.webhook_parked')).at(-1)?.payload).toMatchObject({
      bodySha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it.each([
    ['text/plain', { 'content-type': 'text/plain' }],
    ['no content type', {}],
  ])(
    'stores a genuine notification sent as %s (the format comes from the bytes)',
    async (_n, headers) => {
      const response = await signed(notification(), headers)();
      expect(response.status).toBe(200);
      expect(JSON.parse(response.text)).toEqual({ status: 'stored', jobId: String(job) });
    },
  );

  it('stores a replayed notification once (same bytes, same signature)', async () => {
    const body = notification();
    const headers = {
      'content-type': json,
      'x-kaltura-signature': signKalturaNotification(
        body,
        h.secrets.kalturaWebhookSecret,
        'sha256',
      ),
      'x-kaltura-hash-algo': 'sha256',
    };
    const before = await storedEvents(h.t);
    const first = await post(body, headers);
    expect(JSON.parse(first.text)).toEqual({ status: 'stored', jobId: String(job) });
    for (let i = 0; i < 3; i++) {
      const again = await post(body, headers);
      expect(again.status).toBe(200);
      expect(JSON.parse(again.text)).toEqual({ status: 'duplicate', jobId: String(job) });
    }
    expect(await storedEvents(h.t)).toBe(before + 1);
  });

  // Slow clients (slowloris) must not hold connections: HTTP_REQUEST_TIMEOUT_MS is 2 s here.
  it.each([
    [
      'trickles its body',
      () => {
        const body = notification();
        const head =
          `POST /webhooks/kaltura HTTP/1.1\r\nHost: x\r\nContent-Type: ${json}\r\n` +
          `X-Kaltura-Hash-Algo: sha256\r\n` +
          `X-Kaltura-Signature: ${signKalturaNotification(body, h.secrets.kalturaWebhookSecret, 'sha256')}\r\n` +
          `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n`;
        return { head, tail: body };
      },
    ],
    [
      'trickles its headers',
      () => ({
        head: 'POST /webhooks/kaltura HTTP/1.1\r\nHost: x\r\n',
        tail: `Content-Type: ${json}\r\nX-Padding: ${'p'.repeat(200)}\r\n\r\n`,
      }),
    ],
  ])('cuts off a client that %s with a JSON 408 and records nothing', async (_label, request) => {
    const { head, tail } = request();
    const before = await storedEvents(h.t);
    const started = Date.now();
    const response = await trickleBytes(h.api.url, head, tail, 100, 10_000);
    const elapsed = Date.now() - started;
    expectClearError(response, 408, 'HTTP.REQUEST_TIMEOUT');
    expect(elapsed).toBeGreaterThanOrEqual(hostileRequestTimeoutMs - 100);
    expect(elapsed).toBeLessThan(hostileRequestTimeoutMs + 2_000);
    expect(await storedEvents(h.t)).toBe(before);
  });

  // Text that only looks dangerous is data: stored verbatim.
  it.each([
    ['SQL injection', "ENTRY_READY'); DROP TABLE kd.event_log; --"],
    ['a template expression', '{{7*7}}${process.exit(1)}'],
    ['an RTL override and emoji', 'ready \u202E🎬'],
  ])('stores a notification whose template name is %s, verbatim', async (_label, name) => {
    const body = notification({ templateSystemName: name });
    const response = await signed(body)();
    expect(response.status).toBe(200);
    const [stored] = await h.t.store.readAggregate('kaltura', String(job));
    expect(stored?.event.payload).toMatchObject({ templateSystemName: name });
  });

  it('stays healthy, with steady memory, clean logs and labels free of personal data', async () => {
    await expectSteadyAndClean(h, cases, { pid, personalValues: [String(job), '0_rec1'] });
  });
});
