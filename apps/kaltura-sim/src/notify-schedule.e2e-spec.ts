import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parseKalturaNotification, verifyKalturaSignature } from '@kd/kaltura';
import type { RunningKalturaSim } from './kaltura-sim.js';
import { simClient, startSim, TEST_SECRET } from './testing/sim-harness.js';
import { startWebhookReceiver } from './testing/webhook-receiver.js';

let sim: RunningKalturaSim;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  sim = await startSim({
    KALTURA_SIM_WEBHOOK_URL: receiver.url,
    KALTURA_SIM_NOTIFY_EVERY_MS: '40',
    KALTURA_SIM_WEBHOOK_ALGO: 'sha256',
  });
});
afterAll(async () => {
  await sim.close();
  await receiver.close();
});

describe('scheduled demo notifications', () => {
  it('walks a new room through live start, live stop and recording ready, signed', async () => {
    await simClient(sim).createMeetingRoom({ name: 'Demo room' });
    for (let i = 0; i < 100 && receiver.received.length < 3; i++) await sleep(20);
    await sleep(150); // nothing more is sent once the room is recorded
    expect(receiver.received).toHaveLength(3);
    const kinds = receiver.received.map((r) => {
      expect(
        verifyKalturaSignature(
          r.rawBody,
          String(r.headers['x-kaltura-signature']),
          String(r.headers['x-kaltura-hash-algo']),
          TEST_SECRET,
        ),
      ).toBe(true);
      return parseKalturaNotification(r.rawBody).templateSystemName;
    });
    expect(kinds).toEqual(['ROOM_LIVE_START', 'ROOM_LIVE_STOP', 'ENTRY_READY']);
  });
});
