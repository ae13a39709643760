import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  EntryStatus,
  parseKalturaNotification,
  verifyKalturaSignature,
  type KalturaClient,
} from '@kd/kaltura';
import type { RunningKalturaSim } from './kaltura-sim.js';
import { simClient, simControl, simState, startSim, TEST_SECRET } from './testing/sim-harness.js';
import { startWebhookReceiver } from './testing/webhook-receiver.js';

let sim: RunningKalturaSim;
let client: KalturaClient;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let resourceId: string;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  sim = await startSim({ KALTURA_SIM_WEBHOOK_URL: receiver.url });
  client = simClient(sim);
  ({ resourceId } = await client.createMeetingRoom({ name: 'Recorded class' }));
});
afterAll(async () => {
  await sim.close();
  await receiver.close();
});

const header = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

async function notify(body: Record<string, unknown>) {
  const before = receiver.received.length;
  const answer = await simControl<{ jobId: number; delivered: boolean; status: number }>(
    sim,
    'notifications',
    body,
  );
  const request = receiver.received[before];
  if (!request) throw new Error(`nothing received: ${JSON.stringify(answer.json)}`);
  return { answer: answer.json, request };
}

describe('signed HTTP notifications from the simulator', () => {
  it('sends recording ready as signed JSON that verifies and parses', async () => {
    const { answer, request } = await notify({
      kind: 'recording_ready',
      resourceId,
      algo: 'sha256',
    });
    expect(answer).toMatchObject({ delivered: true, status: 200 });
    expect(header(request.headers['content-type'])).toBe('application/json');
    expect(header(request.headers['x-kaltura-hash-algo'])).toBe('sha256');
    const signature = header(request.headers['x-kaltura-signature']);
    expect(verifyKalturaSignature(request.rawBody, signature, 'sha256', TEST_SECRET)).toBe(true);
    expect(verifyKalturaSignature(request.rawBody, signature, 'sha256', 'another-secret')).toBe(
      false,
    );
    expect(
      verifyKalturaSignature(
        Buffer.concat([request.rawBody, Buffer.from(' ')]),
        signature,
        'sha256',
        TEST_SECRET,
      ),
    ).toBe(false);

    const notification = parseKalturaNotification(request.rawBody);
    const room = (await simState(sim)).rooms.find((r) => String(r.id) === resourceId);
    expect(notification).toMatchObject({
      objectType: 'KalturaHttpNotification',
      eventObjectType: '1',
      eventType: '3',
      templateSystemName: 'ENTRY_READY',
      eventNotificationJobId: String(answer.jobId),
      partnerId: '321',
    });
    expect(notification.object).toMatchObject({
      objectType: 'KalturaMediaEntry',
      status: EntryStatus.ready,
      rootEntryId: room?.roomEntryId,
    });
    // The recording is a real entry of the sim's catalogue.
    await expect(client.getMedia(String(notification.object.id))).resolves.toMatchObject({
      name: 'Recorded class (recording)',
    });
  });

  it('sends the older data=<urlencoded JSON> form, signed with sha1 by default', async () => {
    const { request } = await notify({ kind: 'room_live_start', resourceId, format: 'form' });
    expect(header(request.headers['content-type'])).toBe('application/x-www-form-urlencoded');
    expect(request.rawBody.toString().startsWith('data=')).toBe(true);
    expect(
      verifyKalturaSignature(
        request.rawBody,
        header(request.headers['x-kaltura-signature']),
        header(request.headers['x-kaltura-hash-algo']),
        TEST_SECRET,
      ),
    ).toBe(true);
    const notification = parseKalturaNotification(request.rawBody);
    expect(notification).toMatchObject({
      templateSystemName: 'ROOM_LIVE_START',
      object: { objectType: 'KalturaLiveStreamEntry', liveStatus: 1, referenceId: resourceId },
    });
  });

  it('numbers jobs increasingly and tracks the room through live → ended', async () => {
    const first = await notify({ kind: 'room_live_start', resourceId, algo: 'sha512' });
    const second = await notify({ kind: 'room_live_stop', resourceId });
    expect(second.answer.jobId).toBeGreaterThan(first.answer.jobId);
    expect(
      verifyKalturaSignature(
        first.request.rawBody,
        header(first.request.headers['x-kaltura-signature']),
        'sha512',
        TEST_SECRET,
      ),
    ).toBe(true);
    expect((await simState(sim)).rooms.find((r) => String(r.id) === resourceId)?.phase).toBe(
      'ended',
    );
  });

  it('signs with KALTURA_WEBHOOK_SECRET instead of the admin secret when it is set', async () => {
    const shared = await startSim({
      KALTURA_SIM_WEBHOOK_URL: receiver.url,
      KALTURA_WEBHOOK_SECRET: 'shared-webhook-secret',
    });
    try {
      const { resourceId: id } = await simClient(shared).createMeetingRoom({ name: 'shared' });
      const before = receiver.received.length;
      await simControl(shared, 'notifications', { kind: 'room_live_start', resourceId: id });
      const request = receiver.received[before];
      const signature = header(request?.headers['x-kaltura-signature']);
      expect(
        verifyKalturaSignature(request?.rawBody ?? '', signature, 'sha1', 'shared-webhook-secret'),
      ).toBe(true);
      expect(verifyKalturaSignature(request?.rawBody ?? '', signature, 'sha1', TEST_SECRET)).toBe(
        false,
      );
    } finally {
      await shared.close();
    }
  });

  it('reports an unknown room or a missing target URL', async () => {
    expect(
      (await simControl(sim, 'notifications', { kind: 'recording_ready', resourceId: '999999' }))
        .status,
    ).toBe(404);
    const bare = await startSim();
    try {
      const { resourceId: id } = await simClient(bare).createMeetingRoom({ name: 'nowhere' });
      const answer = await simControl(bare, 'notifications', {
        kind: 'room_live_start',
        resourceId: id,
      });
      expect(answer).toMatchObject({
        status: 400,
        json: { error: { code: 'SIM.NO_WEBHOOK_URL' } },
      });
    } finally {
      await bare.close();
    }
  });
});
