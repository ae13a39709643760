import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { Registry } from 'prom-client';
import { newEvent, type KdError } from '@kd/events';
import { KalturaClient, parseKsV2 } from '@kd/kaltura';
import { createTestStream, snowflakeFor, testLogger, type TestStream } from '@kd/testing';
/* eslint-disable no-restricted-imports -- the simulator has no lib entry; specs are not built, and
   starting it in-process on port 0 is the only way to run it without a prior build. */
import {
  createKalturaSim,
  type RunningKalturaSim,
} from '../../../../apps/kaltura-sim/src/kaltura-sim.js';
import { kalturaSimEnv } from '../../../../apps/kaltura-sim/src/kaltura-sim.config.js';
/* eslint-enable no-restricted-imports */
import { MeetingService } from './meeting.service.js';

const SECRET = 'meetings-int-admin-secret';
const PARTNER = 321;
const guildId = snowflakeFor(501);
const owner = snowflakeFor(502);
const member = snowflakeFor(503);
const moderator = snowflakeFor(504);

let sim: RunningKalturaSim;
let t: TestStream;
let service: MeetingService;
let registry: Registry;

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
  registry = new Registry();
  const kaltura = new KalturaClient({
    serviceUrl: sim.url,
    partnerId: PARTNER,
    adminSecret: SECRET,
  });
  service = new MeetingService({
    store: t.store,
    kaltura,
    logger: testLogger('meetings'),
    metrics: registry,
  });
});
afterAll(async () => {
  await Promise.all([sim.close(), t.cleanup()]);
});
beforeEach(async () => {
  await simControl('reset', {});
});

async function simControl(path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${sim.url}/__sim/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return response.json();
}
const roomStatus = async (resourceId: string) => {
  const state = (await simControl('state')) as { rooms: Array<{ id: number; status: number }> };
  return state.rooms.find((r) => String(r.id) === resourceId)?.status;
};
const eventsOf = async (meetingId: string) =>
  (await t.store.readAggregate('meeting', meetingId)).map((r) => r.event);
const typesOf = async (meetingId: string) => (await eventsOf(meetingId)).map((e) => e.type);
const failuresOn = async (id: string) =>
  (await t.store.readAggregate('kaltura', id)).map((r) => r.event);
const ksOf = (joinUrl: string) =>
  parseKsV2(new URL(joinUrl).searchParams.get('ks') ?? '', () => SECRET);
const rejection = async (promise: Promise<unknown>) => {
  const error = (await promise.then(
    () => undefined,
    (e: unknown) => e,
  )) as KdError | undefined;
  return error && { code: error.code, category: error.category };
};

const observations = async (histogram: string) => {
  const text = await registry.getSingleMetricAsString(histogram);
  return Number(
    new RegExp(`^${histogram}_count\\{outcome="ok"\\} (\\d+)$`, 'm').exec(text)?.[1] ?? 0,
  );
};

let n = 0;
const create = (overrides: Record<string, unknown> = {}) =>
  service.create({
    guildId,
    ownerUserId: owner,
    ownerName: 'Ada',
    type: 'classroom',
    title: 'Algebra',
    description: 'Week 3',
    correlationId: `corr-create-${++n}`,
    ...overrides,
  });
const join = (
  meetingId: string,
  userId = member,
  kalturaRole: 'adminRole' | 'viewerRole' = 'viewerRole',
) =>
  service.join({
    meetingId,
    guildId,
    userId,
    displayName: 'Bob',
    kalturaRole,
    correlationId: `corr-join-${++n}`,
  });
const end = (meetingId: string, byUserId = owner, canEndOthers = false) =>
  service.end({ meetingId, guildId, byUserId, canEndOthers, correlationId: `corr-end-${++n}` });

describe('MeetingService.create', () => {
  it("creates the Kaltura room, appends meeting.created v2 and the owner's moderator link", async () => {
    const { meeting, joinUrl, kalturaRole } = await create();
    expect(meeting).toMatchObject({
      status: 'created',
      title: 'Algebra',
      type: 'classroom',
      participants: 1,
    });
    expect(meeting.meetingId).toMatch(/^m[0-9a-z]{10}$/);
    expect(kalturaRole).toBe('adminRole');
    expect(await roomStatus(meeting.kalturaResourceId)).toBe(2);

    const [created, link] = await eventsOf(meeting.meetingId);
    expect(created).toMatchObject({
      type: 'meeting.created',
      version: 2,
      guildId,
      actor: { kind: 'user', id: owner },
      correlationId: expect.stringMatching(/^corr-create-/),
      payload: {
        meetingId: meeting.meetingId,
        kalturaResourceId: meeting.kalturaResourceId,
        type: 'classroom',
        title: 'Algebra',
        ownerUserId: owner,
        description: 'Week 3',
      },
    });
    expect(link).toMatchObject({
      type: 'meeting.join_link_issued',
      guildId,
      payload: { meetingId: meeting.meetingId, userId: owner, kalturaRole: 'adminRole' },
    });
    expect(ksOf(joinUrl)).toMatchObject({
      partnerId: PARTNER,
      type: 0,
      userId: owner,
      privileges: {
        resourceId: meeting.kalturaResourceId,
        role: 'adminRole',
        userContextualRole: '0',
        firstName: 'Ada',
      },
    });
  });

  it('issues join URLs the simulator accepts as a session for the room', async () => {
    const { meeting, joinUrl } = await create();
    const ks = new URL(joinUrl).searchParams.get('ks');
    const response = await fetch(`${sim.url}/api_v3/service/schedule_scheduleresource/action/get`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ks, format: 1, scheduleResourceId: meeting.kalturaResourceId }),
    });
    expect(await response.json()).toMatchObject({
      objectType: 'KalturaLocationScheduleResource',
      id: Number(meeting.kalturaResourceId),
    });
  });

  it('measures kd_meeting_create_duration_seconds', async () => {
    await create();
    expect(await observations('kd_meeting_create_duration_seconds')).toBeGreaterThan(0);
  });

  it('refuses invalid input before calling Kaltura', async () => {
    expect(await rejection(create({ title: '   ' }))).toEqual({
      code: 'MEETING.INVALID_INPUT',
      category: 'validation',
    });
    const state = (await simControl('state')) as { requests: Record<string, number> };
    expect(state.requests['schedule_scheduleresource.add'] ?? 0).toBe(0);
  });

  it('records kaltura.api_failed and throws KALTURA.UNAVAILABLE when Kaltura fails', async () => {
    await simControl('faults', { failMode: 'http500', failNext: 1 });
    const interactionId = snowflakeFor(900 + ++n);
    expect(await rejection(create({ interactionId }))).toEqual({
      code: 'KALTURA.UNAVAILABLE',
      category: 'unavailable',
    });
    const [failure] = await failuresOn(interactionId);
    expect(failure).toMatchObject({
      type: 'kaltura.api_failed',
      guildId,
      actor: { kind: 'user', id: owner },
      payload: {
        service: 'schedule_scheduleresource',
        action: 'add',
        code: 'KALTURA.UNAVAILABLE',
        meetingId: null,
        interactionId,
      },
    });
    expect(await create()).toMatchObject({ meeting: { status: 'created' } }); // the next request works
  });
});

describe('MeetingService.join', () => {
  it('gives a member an attendee link and records it', async () => {
    const { meeting } = await create();
    const { joinUrl, kalturaRole } = await join(meeting.meetingId);
    expect(kalturaRole).toBe('viewerRole');
    expect(ksOf(joinUrl).privileges).toEqual({
      resourceId: meeting.kalturaResourceId,
      role: 'viewerRole',
      userContextualRole: '3',
      firstName: 'Bob',
    });
    expect((await eventsOf(meeting.meetingId)).at(-1)).toMatchObject({
      type: 'meeting.join_link_issued',
      actor: { kind: 'user', id: member },
      payload: { userId: member, kalturaRole: 'viewerRole' },
    });
  });

  it('makes a mapped admin role and the owner moderators', async () => {
    const { meeting } = await create();
    expect(
      ksOf((await join(meeting.meetingId, moderator, 'adminRole')).joinUrl).privileges,
    ).toMatchObject({
      role: 'adminRole',
      userContextualRole: '0',
    });
    expect((await join(meeting.meetingId, owner, 'viewerRole')).kalturaRole).toBe('adminRole');
  });

  it('accepts the id as a user types it', async () => {
    const { meeting } = await create();
    expect((await join(` ${meeting.meetingId.toUpperCase()} `)).meeting.meetingId).toBe(
      meeting.meetingId,
    );
  });

  it('reports a meeting of another guild, an unknown or a malformed id as not found', async () => {
    const { meeting } = await create();
    const notFound = { code: 'MEETING.NOT_FOUND', category: 'not_found' };
    const otherGuild = service.join({
      meetingId: meeting.meetingId,
      guildId: snowflakeFor(999),
      userId: member,
      displayName: 'Bob',
      kalturaRole: 'viewerRole',
      correlationId: 'c',
    });
    expect(await rejection(otherGuild)).toEqual(notFound);
    expect(await rejection(join('mzzzzzzzzzz'))).toEqual(notFound);
    expect(await rejection(join('kd.events.>'))).toEqual(notFound);
  });

  it('issues links to many members at once, each recorded', async () => {
    const { meeting } = await create();
    const members = Array.from({ length: 8 }, (_, i) => snowflakeFor(600 + i));
    const links = await Promise.all(members.map((userId) => join(meeting.meetingId, userId)));
    expect(links).toHaveLength(8);
    const issued = (await eventsOf(meeting.meetingId)).filter(
      (e) => e.type === 'meeting.join_link_issued',
    );
    expect(issued).toHaveLength(9);
  });

  it('keeps the meeting history bounded: 1,000 Join presses by one member append one event', async () => {
    const { meeting } = await create();
    const before = await t.store.readAggregate('meeting', meeting.meetingId);
    const links = [];
    for (let i = 0; i < 1000; i++) links.push((await join(meeting.meetingId)).joinUrl);
    expect(new Set(links.map((url) => ksOf(url).privileges.role))).toEqual(new Set(['viewerRole']));
    const after = await t.store.readAggregate('meeting', meeting.meetingId);
    expect(after).toHaveLength(before.length + 1);
    expect(after.at(-1)?.event).toMatchObject({
      type: 'meeting.join_link_issued',
      payload: { userId: member, kalturaRole: 'viewerRole' },
    });
    // A new role is a new fact: promoted, the member is recorded once more.
    await join(meeting.meetingId, member, 'adminRole');
    expect(await t.store.readAggregate('meeting', meeting.meetingId)).toHaveLength(
      before.length + 2,
    );
  }, 60_000);

  it('measures kd_join_url_duration_seconds', async () => {
    expect(await observations('kd_join_url_duration_seconds')).toBeGreaterThan(0);
  });
});

describe('MeetingService.end', () => {
  it("denies a member who neither owns the meeting nor may end others', and keeps the room", async () => {
    const { meeting } = await create();
    expect(await rejection(end(meeting.meetingId, member))).toEqual({
      code: 'MEETING.END_FORBIDDEN',
      category: 'permission',
    });
    expect(await typesOf(meeting.meetingId)).not.toContain('meeting.ended');
    expect(await roomStatus(meeting.kalturaResourceId)).toBe(2);
  });

  it('lets the owner end it: the room is closed and meeting.ended recorded; a second end conflicts', async () => {
    const { meeting } = await create();
    const ended = await end(meeting.meetingId);
    expect(ended).toMatchObject({ status: 'ended', endedBy: owner });
    expect(await roomStatus(meeting.kalturaResourceId)).toBe(3);
    expect((await eventsOf(meeting.meetingId)).at(-1)).toMatchObject({
      type: 'meeting.ended',
      actor: { kind: 'user', id: owner },
      payload: { meetingId: meeting.meetingId, endedBy: owner },
    });
    expect(await rejection(end(meeting.meetingId))).toEqual({
      code: 'MEETING.ALREADY_ENDED',
      category: 'conflict',
    });
    expect(await rejection(join(meeting.meetingId))).toEqual({
      code: 'MEETING.ENDED',
      category: 'conflict',
    });
  });

  it('lets a member allowed to end others end it, as themselves', async () => {
    const { meeting } = await create();
    expect(await end(meeting.meetingId, moderator, true)).toMatchObject({ endedBy: moderator });
  });

  it('ends a meeting whose Kaltura room is already gone', async () => {
    const { meeting } = await create();
    const kaltura = new KalturaClient({
      serviceUrl: sim.url,
      partnerId: PARTNER,
      adminSecret: SECRET,
    });
    await kaltura.endMeetingRoom(meeting.kalturaResourceId);
    expect(await end(meeting.meetingId)).toMatchObject({ status: 'ended' });
  });

  it('records kaltura.api_failed when Kaltura fails, and leaves the meeting open', async () => {
    const { meeting } = await create();
    await simControl('faults', { failMode: 'http500', failNext: 1 });
    expect(await rejection(end(meeting.meetingId))).toEqual({
      code: 'KALTURA.UNAVAILABLE',
      category: 'unavailable',
    });
    expect(await failuresOn(meeting.meetingId)).toEqual([
      expect.objectContaining({
        type: 'kaltura.api_failed',
        payload: expect.objectContaining({
          action: 'delete',
          meetingId: meeting.meetingId,
          interactionId: null,
        }) as object,
      }),
    ]);
    expect(await typesOf(meeting.meetingId)).not.toContain('meeting.ended');
    expect(await end(meeting.meetingId)).toMatchObject({ status: 'ended' });
  });

  it('records exactly one meeting.ended when two members end it at once', async () => {
    const { meeting } = await create();
    const outcomes = await Promise.allSettled([
      end(meeting.meetingId),
      end(meeting.meetingId, moderator, true),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const rejected = outcomes.find((o) => o.status === 'rejected');
    expect((rejected?.reason as KdError).code).toBe('MEETING.ALREADY_ENDED');
    expect(
      (await typesOf(meeting.meetingId)).filter((type) => type === 'meeting.ended'),
    ).toHaveLength(1);
  });
});

describe('MeetingService webhook helpers', () => {
  const ctx = (causationId: string, occurredAt?: Date) => ({
    causationId,
    correlationId: `corr-${causationId}`,
    partnerId: PARTNER,
    ...(occurredAt ? { occurredAt } : {}),
  });

  it('records a start once per causation, as Kaltura, with an id derived from the causation', async () => {
    const { meeting } = await create();
    const at = new Date('2025-11-18T12:00:00.000Z');
    expect(await service.recordStarted(meeting.meetingId, ctx('kaltura-job-11', at))).toMatchObject(
      {
        recorded: true,
        meeting: { status: 'live' },
      },
    );
    expect(await service.recordStarted(meeting.meetingId, ctx('kaltura-job-11', at))).toMatchObject(
      { recorded: false },
    );
    expect(await service.recordStarted(meeting.meetingId, ctx('kaltura-job-12'))).toMatchObject({
      recorded: false,
    });
    const started = (await eventsOf(meeting.meetingId)).filter((e) => e.type === 'meeting.started');
    expect(started).toEqual([
      expect.objectContaining({
        id: 'kaltura-job-11-started',
        causationId: 'kaltura-job-11',
        occurredAt: at.toISOString(),
        guildId,
        actor: { kind: 'kaltura', id: String(PARTNER) },
      }),
    ]);
  });

  it('counts a redelivered participant notification once, even when two copies race', async () => {
    const { meeting } = await create();
    const twice = () =>
      service.recordParticipant(meeting.meetingId, member, 'joined', ctx('kaltura-job-21'));
    const outcomes = await Promise.all([twice(), twice()]);
    expect(outcomes.map((o) => o.recorded).sort()).toEqual([false, true]);
    await service.recordParticipant(meeting.meetingId, member, 'left', ctx('kaltura-job-22'));
    expect(await twice()).toMatchObject({ recorded: false });
    expect(
      (await typesOf(meeting.meetingId)).filter((type) => type.startsWith('meeting.participant')),
    ).toEqual(['meeting.participant_joined', 'meeting.participant_left']);
  });

  it("records a recording and Kaltura's end once each", async () => {
    const { meeting } = await create();
    for (let i = 0; i < 2; i++) {
      await service.recordRecordingReady(meeting.meetingId, '0_rec42', ctx('kaltura-job-31'));
      await service.recordEndedByKaltura(meeting.meetingId, ctx('kaltura-job-32'));
    }
    const events = await eventsOf(meeting.meetingId);
    expect(events.filter((e) => e.type === 'meeting.recording_ready')).toEqual([
      expect.objectContaining({
        id: 'kaltura-job-31-recording_ready',
        payload: { meetingId: meeting.meetingId, entryId: '0_rec42' },
      }),
    ]);
    expect(events.filter((e) => e.type === 'meeting.ended')).toEqual([
      expect.objectContaining({ payload: { meetingId: meeting.meetingId, endedBy: 'kaltura' } }),
    ]);
  });

  it('reports a webhook about an unknown meeting as not found', async () => {
    expect(await rejection(service.recordStarted('mzzzzzzzzzz', ctx('kaltura-job-41')))).toEqual({
      code: 'MEETING.NOT_FOUND',
      category: 'not_found',
    });
  });
});

describe('MeetingService webhook helpers after the duplicate window', () => {
  let short: TestStream;
  beforeAll(async () => {
    short = await createTestStream({ duplicateWindowMs: 200 });
  });
  afterAll(async () => {
    await short.cleanup();
  });

  it('ignores a notification redelivered after JetStream forgot its message id', async () => {
    const kaltura = new KalturaClient({
      serviceUrl: sim.url,
      partnerId: PARTNER,
      adminSecret: SECRET,
    });
    const onShort = new MeetingService({
      store: short.store,
      kaltura,
      logger: testLogger('meetings'),
    });
    const { meeting } = await onShort.create({
      guildId,
      ownerUserId: owner,
      ownerName: 'Ada',
      type: 'meeting',
      title: 'Late redelivery',
      correlationId: 'corr-late',
    });
    const ctx = (causationId: string) => ({ causationId, correlationId: 'c', partnerId: PARTNER });
    await onShort.recordParticipant(meeting.meetingId, member, 'joined', ctx('kaltura-job-51'));
    await onShort.recordParticipant(meeting.meetingId, member, 'left', ctx('kaltura-job-52'));
    await new Promise((resolve) => setTimeout(resolve, 1000));

    const again = await onShort.recordParticipant(
      meeting.meetingId,
      member,
      'joined',
      ctx('kaltura-job-51'),
    );
    expect(again.recorded).toBe(false);
    const history = await short.store.readAggregate('meeting', meeting.meetingId);
    const joined = history.filter((r) => r.event.type === 'meeting.participant_joined');
    expect(joined).toHaveLength(1);
    // The store alone would have taken it again: only the aggregate's memory of causations stopped it.
    const copy = newEvent(
      'meeting.participant_joined',
      { meetingId: meeting.meetingId, participantId: member },
      {
        actor: { kind: 'kaltura', id: '321' },
        correlationId: 'c',
        guildId,
        id: joined[0]!.event.id,
      },
    );
    expect((await short.store.append(copy)).duplicate).toBe(false);
  });
});
