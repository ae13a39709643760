import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { KalturaClient } from '@kd/kaltura';
import { catchUp, createDataSource, ProjectionRunner } from '@kd/projections';
import {
  createTestDatabase,
  createTestStream,
  snowflakeFor,
  testLogger,
  type TestDatabase,
  type TestStream,
} from '@kd/testing';
/* eslint-disable no-restricted-imports -- the simulator has no lib entry; specs are not built, and
   starting it in-process on port 0 is the only way to run it without a prior build. */
import {
  createKalturaSim,
  type RunningKalturaSim,
} from '../../../../apps/kaltura-sim/src/kaltura-sim.js';
import { kalturaSimEnv } from '../../../../apps/kaltura-sim/src/kaltura-sim.config.js';
/* eslint-enable no-restricted-imports */
import { MeetingService } from '../service/meeting.service.js';
import { MeetingQueries } from './meeting-queries.js';
import { meetingsProjection } from './meetings.projection.js';

const SECRET = 'meetings-read-model-secret';
const guildId = snowflakeFor(701);
const otherGuild = snowflakeFor(702);
const owner = snowflakeFor(703);
const member = snowflakeFor(704);
const T0 = Date.parse('2025-11-10T08:00:00.000Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000);
const logger = testLogger('meetings-read-model');

let sim: RunningKalturaSim;
let t: TestStream;
let db: TestDatabase;
let dataSource: DataSource;
let runner: ProjectionRunner;
let service: MeetingService;
let queries: MeetingQueries;
let clock = T0;
const ids: Record<string, string> = {};

beforeAll(async () => {
  const config = kalturaSimEnv.parse({
    HTTP_PORT: '0',
    LOG_LEVEL: 'silent',
    KALTURA_ADMIN_SECRET: SECRET,
  });
  [sim, t, db] = await Promise.all([
    createKalturaSim(config, { host: '127.0.0.1' }),
    createTestStream(),
    createTestDatabase(),
  ]);
  dataSource = createDataSource({ url: db.url, applicationName: 'meetings-read-model' });
  await dataSource.initialize();
  runner = new ProjectionRunner(meetingsProjection, dataSource, logger);
  queries = new MeetingQueries(dataSource);
  const kaltura = new KalturaClient({
    serviceUrl: sim.url,
    partnerId: config.KALTURA_PARTNER_ID,
    adminSecret: SECRET,
  });
  service = new MeetingService({ store: t.store, kaltura, logger, now: () => new Date(clock) });
  await given();
});
afterAll(async () => {
  await dataSource.destroy();
  await Promise.all([sim.close(), t.cleanup(), db.drop()]);
});

const run = (durable = 'proj_meetings') =>
  catchUp(runner, {
    nats: t,
    stream: t.stream,
    subjectPrefix: t.subjectPrefix,
    logger,
    batchSize: 10,
    maxWaitMs: 50,
    durable,
  });
const tick = (seconds: number) => (clock = T0 + seconds * 1000);
const create = async (name: string, title: string, seconds: number, guild = guildId) => {
  tick(seconds);
  const { meeting } = await service.create({
    guildId: guild,
    ownerUserId: owner,
    ownerName: 'Ada',
    type: 'meeting',
    title,
    correlationId: `corr-${name}`,
  });
  ids[name] = meeting.meetingId;
  return meeting.meetingId;
};
const join = (meetingId: string, seconds: number) => {
  tick(seconds);
  return service.join({
    meetingId,
    guildId,
    userId: member,
    displayName: 'Bob',
    kalturaRole: 'viewerRole',
    correlationId: 'c',
  });
};
const webhook = (job: string, seconds: number) => ({
  causationId: `kaltura-job-${job}`,
  correlationId: `corr-${job}`,
  partnerId: 100,
  occurredAt: at(seconds),
});

/** A history through the service: one full meeting, open ones, one of another guild. */
async function given(): Promise<void> {
  const algebra = await create('algebra', 'Algebra', 0);
  await join(algebra, 60);
  await join(algebra, 90);
  await service.recordStarted(algebra, webhook('1', 120));
  await service.recordParticipant(algebra, member, 'joined', webhook('2', 130));
  await service.recordParticipant(algebra, 'guest-7', 'joined', webhook('3', 140));
  await service.recordParticipant(algebra, 'guest-7', 'joined', webhook('3', 140));
  tick(3720);
  await service.end({
    meetingId: algebra,
    guildId,
    byUserId: owner,
    canEndOthers: false,
    correlationId: 'c',
  });

  await create('biology', 'Biology review', 10);
  const chemistry = await create('chemistry', '100% Chemistry_lab', 20);
  await service.recordStarted(chemistry, webhook('4', 30));
  await service.recordParticipant(chemistry, 'guest-8', 'joined', webhook('5', 40));
  const done = await create('done', 'Biology done', 25);
  tick(26);
  await service.end({
    meetingId: done,
    guildId,
    byUserId: owner,
    canEndOthers: false,
    correlationId: 'c',
  });
  await create('elsewhere', 'Biology elsewhere', 30, otherGuild);
  await run();
}

const meetingRow = async (meetingId: string | undefined) =>
  (
    await dataSource.query<Record<string, unknown>[]>(
      `SELECT * FROM analytics.meetings WHERE meeting_id = $1`,
      [meetingId],
    )
  )[0];

describe('meetings read model fed by MeetingService', () => {
  it('has the analytics.meetings row: times from the events, duration, each participant once', async () => {
    expect(await meetingRow(ids.algebra)).toMatchObject({
      guild_id: guildId,
      type: 'meeting',
      created_at: at(0),
      started_at: at(120),
      ended_at: at(3720),
      duration_seconds: 3600,
      participants: 3,
      title: 'Algebra',
      owner_user_id: owner,
      status: 'ended',
    });
  });

  it('measures a meeting never reported started from its creation', async () => {
    expect(await meetingRow(ids.done)).toMatchObject({
      started_at: null,
      duration_seconds: 1,
      participants: 1,
    });
  });

  it("lists a guild's active meetings, newest first, with participants", async () => {
    const active = await queries.listActive(guildId, 10);
    expect(active.map((m) => [m.meetingId, m.status, m.participants, m.liveParticipants])).toEqual([
      [ids.chemistry, 'live', 2, 1],
      [ids.biology, 'created', 1, 0],
    ]);
    expect(active[0]).toMatchObject({
      title: '100% Chemistry_lab',
      ownerUserId: owner,
      createdAt: at(20),
      startedAt: at(30),
    });
    expect(await queries.listActive(guildId, 1)).toHaveLength(1);
  });

  it('suggests active meetings by title words or id prefix, for autocomplete', async () => {
    const suggest = async (typed: string, limit?: number) =>
      (await queries.searchForAutocomplete(guildId, typed, limit)).map((c) => c.meetingId);
    expect(await suggest('BIO')).toEqual([ids.biology]);
    expect(await suggest('review')).toEqual([ids.biology]);
    expect(await suggest(ids.chemistry!.slice(0, 6))).toContain(ids.chemistry);
    expect(await suggest('')).toEqual([ids.chemistry, ids.biology]);
    expect(await suggest('100%')).toEqual([ids.chemistry]);
    expect(await suggest('%')).toEqual([ids.chemistry]);
    expect(await suggest('biolog_')).toEqual([]); // "_" is a character, not a wildcard
    expect(await suggest('', 1)).toHaveLength(1);
    expect(await queries.searchForAutocomplete(guildId, '', 500)).toHaveLength(2);
  });

  it('rebuilds to identical rows', async () => {
    const snapshot = () =>
      Promise.all([
        dataSource.query(`SELECT * FROM analytics.meetings ORDER BY meeting_id`),
        dataSource.query(
          `SELECT * FROM kd.meeting_participants ORDER BY meeting_id, participant_id`,
        ),
      ]);
    const before = await snapshot();
    expect(before[0]).toHaveLength(5);
    await runner.prepare({ forceRebuild: true });
    await run('proj_meetings_rebuild');
    expect(await snapshot()).toEqual(before);
  });
});
