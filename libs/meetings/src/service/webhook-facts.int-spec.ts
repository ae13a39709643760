import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { KvBucket, bucketName } from '@kd/event-store';
import { newEvent, type DomainEvent } from '@kd/events';
import { KalturaClient } from '@kd/kaltura';
import { createTestStream, snowflakeFor, testLogger, type TestStream } from '@kd/testing';
/* eslint-disable no-restricted-imports -- the simulator has no lib entry; specs are not built, and
   starting it in-process on port 0 is the only way to run it without a prior build. */
import {
  createKalturaSim,
  type RunningKalturaSim,
} from '../../../../apps/kaltura-sim/src/kaltura-sim.js';
import { kalturaSimEnv } from '../../../../apps/kaltura-sim/src/kaltura-sim.config.js';
/* eslint-enable no-restricted-imports */
import { MeetingDirectory, type KeyValueStore } from './meeting-directory.js';
import { MeetingService } from './meeting.service.js';

const SECRET = 'webhook-facts-admin-secret';
const PARTNER = 322;
const guildId = snowflakeFor(601);
const owner = snowflakeFor(602);

let sim: RunningKalturaSim;
let t: TestStream;
let kaltura: KalturaClient;
let rooms: KvBucket;
let parked: KvBucket;

beforeAll(async () => {
  const config = kalturaSimEnv.parse({
    HTTP_PORT: '0',
    LOG_LEVEL: 'silent',
    KALTURA_PARTNER_ID: String(PARTNER),
    KALTURA_ADMIN_SECRET: SECRET,
  });
  [sim, t] = await Promise.all([
    createKalturaSim(config, { host: '127.0.0.1' }),
    createTestStream(),
  ]);
  kaltura = new KalturaClient({ serviceUrl: sim.url, partnerId: PARTNER, adminSecret: SECRET });
  rooms = new KvBucket({ nats: t, name: bucketName(t.stream, 'ROOMS') });
  parked = new KvBucket({ nats: t, name: bucketName(t.stream, 'PARKED') });
});
afterAll(async () => {
  await Promise.all([sim.close(), t.cleanup()]);
});

/** A meeting service whose Kaltura room creation is followed by `beforeRecorded` (the race). */
function meetingsWith(
  beforeRecorded: (resourceId: string) => Promise<void> = async () => undefined,
  parkedStore: KeyValueStore = parked,
): MeetingService {
  const racing = Object.create(kaltura) as KalturaClient;
  racing.createMeetingRoom = async (input) => {
    const room = await kaltura.createMeetingRoom(input);
    await beforeRecorded(room.resourceId);
    return room;
  };
  return new MeetingService({
    store: t.store,
    kaltura: racing,
    logger: testLogger('webhook-facts'),
    directory: new MeetingDirectory(rooms, parkedStore),
  });
}

let n = 0;
const create = (service: MeetingService) =>
  service.create({
    guildId,
    ownerUserId: owner,
    ownerName: 'Ada',
    type: 'meeting',
    title: 'Early birds',
    correlationId: `corr-facts-${++n}`,
  });

let job = 7_000_000 + Math.floor(Math.random() * 1_000_000);

/** Stores a notification as the webhook endpoint does and returns the stored event. */
async function received(fields: {
  referenceId?: string;
  rootEntryId?: string;
  objectId: string;
  kind: 'live_start' | 'recording_ready';
}): Promise<DomainEvent<'kaltura.webhook_received'>> {
  const jobId = String(++job);
  const live = fields.kind === 'live_start';
  const result = await t.store.append(
    newEvent(
      'kaltura.webhook_received',
      {
        notificationJobId: jobId,
        eventType: '3',
        eventObjectType: '1',
        objectType: live ? 'KalturaLiveStreamEntry' : 'KalturaMediaEntry',
        objectId: fields.objectId,
        templateSystemName: live ? 'ROOM_LIVE_START' : 'ENTRY_READY',
        referenceId: fields.referenceId ?? null,
        rootEntryId: fields.rootEntryId ?? null,
        entryStatus: '2',
        liveStatus: live ? '1' : null,
      },
      {
        id: `kaltura-job-${jobId}`,
        actor: { kind: 'kaltura', id: String(PARTNER) },
        correlationId: `kaltura-job-${jobId}`,
        guildId: null,
      },
    ),
  );
  return result.event;
}

const typesOf = async (meetingId: string) =>
  (await t.store.readAggregate('meeting', meetingId)).map((r) => r.event.type);
const count = (types: string[], type: string) => types.filter((x) => x === type).length;

describe('Kaltura notifications decided from the directory, never a projection', () => {
  it('applies a notification that came before its meeting exactly once, when the meeting is created', async () => {
    let early: DomainEvent<'kaltura.webhook_received'> | undefined;
    const service = meetingsWith(async (resourceId) => {
      early = await received({ kind: 'live_start', referenceId: resourceId, objectId: '1_early' });
      expect(await service.webhookFacts?.apply(early)).toBe('pending');
    });
    const { meeting } = await create(service);
    const types = await typesOf(meeting.meetingId);
    expect(count(types, 'meeting.started')).toBe(1);
    const started = (await t.store.readAggregate('meeting', meeting.meetingId))
      .map((r) => r.event)
      .find((e) => e.type === 'meeting.started');
    expect(started).toMatchObject({ type: 'meeting.started', causationId: early?.id });

    // Kaltura's retry, a second replica's sweep: nothing more.
    expect(await service.webhookFacts?.apply(early!)).toBe('repeat');
    expect(await service.webhookFacts?.sweep()).toBe(0);
    expect(count(await typesOf(meeting.meetingId), 'meeting.started')).toBe(1);
    expect(await parked.keys()).toEqual([]);
  });

  it('counts the same notification applied concurrently once', async () => {
    const service = meetingsWith();
    const { meeting } = await create(service);
    const event = await received({
      kind: 'live_start',
      referenceId: meeting.kalturaResourceId,
      objectId: '1_twice',
    });
    const outcomes = await Promise.all([
      service.webhookFacts?.apply(event),
      service.webhookFacts?.apply(event),
      service.webhookFacts?.apply(event),
    ]);
    expect(outcomes.filter((o) => o === 'applied')).toHaveLength(1);
    expect(count(await typesOf(meeting.meetingId), 'meeting.started')).toBe(1);
  });

  it('leaves a notification parked when the creation dies before applying it, and the sweep applies it', async () => {
    let failKeys = true;
    const flaky: KeyValueStore = {
      get: (k) => parked.get(k),
      put: (k, v) => parked.put(k, v),
      delete: (k) => parked.delete(k),
      keys: (f) => {
        if (failKeys) throw new Error('connection lost before the drain');
        return parked.keys(f);
      },
    };
    const service = meetingsWith(async (resourceId) => {
      const early = await received({
        kind: 'live_start',
        referenceId: resourceId,
        objectId: '1_d',
      });
      expect(await service.webhookFacts?.apply(early)).toBe('pending');
    }, flaky);
    const { meeting } = await create(service);
    expect(count(await typesOf(meeting.meetingId), 'meeting.started')).toBe(0);

    failKeys = false;
    expect(await service.webhookFacts?.sweep()).toBe(1);
    expect(await service.webhookFacts?.sweep()).toBe(0);
    expect(count(await typesOf(meeting.meetingId), 'meeting.started')).toBe(1);
  });

  it('applies a recording that names only its room entry once a live notification taught the entry', async () => {
    const service = meetingsWith();
    const { meeting } = await create(service);
    const recording = await received({
      kind: 'recording_ready',
      rootEntryId: '1_roomentry',
      objectId: '1_recording',
    });
    expect(await service.webhookFacts?.apply(recording)).toBe('pending');
    const live = await received({
      kind: 'live_start',
      referenceId: meeting.kalturaResourceId,
      objectId: '1_roomentry',
    });
    expect(await service.webhookFacts?.apply(live)).toBe('applied');
    const types = await typesOf(meeting.meetingId);
    expect(count(types, 'meeting.started')).toBe(1);
    expect(count(types, 'meeting.recording_ready')).toBe(1);
    expect(await service.webhookFacts?.apply(recording)).toBe('repeat');
  });

  it('parks a notification for a room this install never created, and records nothing', async () => {
    const service = meetingsWith();
    const stray = await received({ kind: 'live_start', referenceId: '999999', objectId: '1_x' });
    expect(await service.webhookFacts?.apply(stray)).toBe('pending');
    expect(await service.webhookFacts?.sweep()).toBe(0);
    expect(await parked.keys('room.999999.*')).toHaveLength(1);
  });
});
