import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { signKalturaNotification } from '@kd/kaltura';
import {
  createTestDatabase,
  createTestStream,
  privateNatsServer,
  startApp,
  type ChildApp,
  type PrivateNatsServer,
  type TestDatabase,
  type TestStream,
} from '@kd/testing';

const secret = 'kaltura-admin-secret-for-tests';
let job = 9_000_000 + Math.floor(Math.random() * 1_000_000);

function notification(jobId = ++job) {
  return {
    objectType: 'KalturaHttpNotification',
    object: { objectType: 'KalturaMediaEntry', id: '0_rec1', status: 2, rootEntryId: '0_room1' },
    eventObjectType: 1,
    eventType: 3,
    eventNotificationJobId: jobId,
    templateId: 7,
    templateName: 'Entry ready',
    templateSystemName: 'ENTRY_READY',
    partnerId: 100,
  };
}

describe('POST /webhooks/kaltura', () => {
  let db: TestDatabase;
  let t: TestStream;
  let api: ChildApp;

  beforeAll(async () => {
    [db, t] = await Promise.all([createTestDatabase(), createTestStream()]);
    api = await startApp('api', {
      DATABASE_URL: db.url,
      KD_STREAM: t.stream,
      KD_SUBJECT_PREFIX: t.subjectPrefix,
      JWT_SECRET: 'x'.repeat(40),
      KALTURA_ADMIN_SECRET: secret,
      HTTP_BODY_LIMIT: '16kb',
    });
  });
  afterAll(async () => {
    await api?.stop();
    await Promise.all([db.drop(), t.cleanup()]);
  });

  const post = (body: string, headers: Record<string, string>) =>
    fetch(`${api.url}/webhooks/kaltura`, { method: 'POST', body, headers });
  const signed = (body: string, algo = 'sha256', contentType = 'application/json') =>
    post(body, {
      'content-type': contentType,
      'x-kaltura-signature': signKalturaNotification(body, secret, algo as 'sha256'),
      'x-kaltura-hash-algo': algo,
    });
  const stored = async () => (await t.jsm.streams.info(t.stream)).state.messages;

  it('stores a signed JSON notification once, however often Kaltura retries it', async () => {
    const body = JSON.stringify(notification());
    const first = await signed(body);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ status: 'stored', jobId: String(job) });
    const again = await signed(body, 'sha1');
    expect(await again.json()).toEqual({ status: 'duplicate', jobId: String(job) });
    const events = await t.store.readAggregate('kaltura', String(job));
    expect(events).toHaveLength(1);
    expect(events[0]?.event).toMatchObject({
      type: 'kaltura.webhook_received',
      actor: { kind: 'kaltura', id: '100' },
      payload: {
        notificationJobId: String(job),
        eventType: '3',
        eventObjectType: '1',
        objectType: 'KalturaMediaEntry',
        objectId: '0_rec1',
        templateSystemName: 'ENTRY_READY',
      },
    });
  });

  it.each([
    ['the older data=<urlencoded JSON> form', 'form', 'application/x-www-form-urlencoded'],
    // What Kaltura's current servers send: the form body labelled as JSON.
    ['data=<urlencoded JSON> sent as application/json', 'form', 'application/json'],
    ['JSON with no content type Kaltura would use', 'json', 'text/plain'],
  ])('accepts %s, deciding the format from the signed bytes', async (_label, form, type) => {
    const json = JSON.stringify(notification());
    const body = form === 'form' ? `data=${encodeURIComponent(json)}` : json;
    const response = await signed(body, 'sha512', type);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'stored', jobId: String(job) });
    expect(await t.store.readAggregate('kaltura', String(job))).toHaveLength(1);
  });

  it('keeps every field needed to apply the notification later', async () => {
    const body = JSON.stringify(notification());
    expect((await signed(body)).status).toBe(200);
    const [stored] = await t.store.readAggregate('kaltura', String(job));
    expect(stored?.event.payload).toMatchObject({
      objectId: '0_rec1',
      rootEntryId: '0_room1',
      entryStatus: '2',
      referenceId: null,
      liveStatus: null,
    });
  });

  it.each([
    [
      'a wrong signature',
      { 'x-kaltura-signature': 'ab'.repeat(32), 'x-kaltura-hash-algo': 'sha256' },
    ],
    ['no signature', {}],
    ['an unknown algorithm', { 'x-kaltura-hash-algo': 'md5' }],
  ])('answers 401 to %s and records nothing', async (_label, headers) => {
    const before = await stored();
    const body = JSON.stringify(notification());
    const extra = headers as Record<string, string>;
    const signature: Record<string, string> =
      extra['x-kaltura-hash-algo'] === 'md5'
        ? { 'x-kaltura-signature': signKalturaNotification(body, secret, 'sha1') }
        : {};
    const response = await post(body, {
      'content-type': 'application/json',
      ...signature,
      ...extra,
    });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
      'WEBHOOK.BAD_SIGNATURE',
    );
    expect(await stored()).toBe(before);
  });

  it.each([
    ['malformed JSON', '{"eventType": 3,', 'application/json'],
    ['a body in no format Kaltura sends', 'hello', 'text/plain'],
    ['JSON that is not a notification', JSON.stringify({ hello: 'world' }), 'application/json'],
    [
      'a notification with an id no subject can hold',
      JSON.stringify({ ...notification(), eventNotificationJobId: '../../etc' }),
      'application/json',
    ],
  ])(
    'parks a correctly signed but unreadable body (%s): 200 so Kaltura stops retrying, stored once',
    async (_label, body, contentType) => {
      const before = await stored();
      for (let i = 0; i < 2; i++) {
        const response = await signed(body, 'sha256', contentType);
        expect(response.status).toBe(200);
        expect(await response.json()).toEqual({ status: 'parked', jobId: null });
      }
      expect(await stored()).toBe(before + 1);
      const [parked] = (await t.eventsOfType('kaltura.webhook_parked')).slice(-1);
      expect(parked?.payload).toMatchObject({ bytes: Buffer.byteLength(body), contentType });
    },
  );

  it('answers a body over the size limit 413 and stores nothing', async () => {
    const before = await stored();
    const body = JSON.stringify({ ...notification(), pad: 'x'.repeat(20_000) });
    const response = await signed(body);
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { code: string } }).error.code).toMatch(/^HTTP\./);
    expect(await stored()).toBe(before);
  });

  it('counts outcomes in kd_webhooks_total', async () => {
    const text = await (await fetch(`${api.url}/metrics`)).text();
    expect(text).toMatch(/kd_webhooks_total\{source="kaltura",outcome="accepted",app="api"\} 5/);
    expect(text).toMatch(/kd_webhooks_total\{source="kaltura",outcome="parked",app="api"\} 8/);
    expect(text).toMatch(/kd_webhooks_total\{source="kaltura",outcome="duplicate",app="api"\} 1/);
    expect(text).toMatch(
      /kd_webhooks_total\{source="kaltura",outcome="bad_signature",app="api"\} 3/,
    );
    expect(text).toMatch(/kd_auth_failures_total\{reason="kaltura_signature",app="api"\} 3/);
  });
});

describe('POST /webhooks/kaltura while NATS is down', () => {
  let db: TestDatabase;
  let nats: PrivateNatsServer;
  let api: ChildApp;

  beforeAll(async () => {
    [db, nats] = await Promise.all([createTestDatabase(), privateNatsServer()]);
    api = await startApp('api', {
      DATABASE_URL: db.url,
      NATS_URL: nats.url,
      JWT_SECRET: 'x'.repeat(40),
      KALTURA_ADMIN_SECRET: secret,
    });
  });
  afterAll(async () => {
    await api?.stop();
    await Promise.all([db.drop(), nats.dispose()]);
  });

  it('answers non-200 so Kaltura retries, and stores the retry once NATS is back', async () => {
    const body = JSON.stringify(notification());
    const send = () =>
      fetch(`${api.url}/webhooks/kaltura`, {
        method: 'POST',
        body,
        headers: {
          'content-type': 'application/json',
          'x-kaltura-signature': signKalturaNotification(body, secret, 'sha1'),
        },
      });
    await nats.stop();
    const refused = await send();
    expect(refused.status).toBe(503);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe(
      'EVENT_STORE.UNAVAILABLE',
    );
    await nats.start();
    let retried = await send();
    // Up to 30 s: the client reconnects, then the stream and the room directory answer again.
    for (let i = 0; i < 150 && retried.status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 200));
      retried = await send();
    }
    expect(retried.status).toBe(200);
    expect(await retried.json()).toEqual({ status: 'stored', jobId: String(job) });
  });
});
