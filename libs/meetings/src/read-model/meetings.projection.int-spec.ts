import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { newEvent, type Actor, type EventType, type PayloadOf } from '@kd/events';
import { catchUp, createDataSource, ProjectionRunner } from '@kd/projections';
import {
  createTestDatabase,
  createTestStream,
  snowflakeFor,
  testLogger,
  type TestDatabase,
  type TestStream,
} from '@kd/testing';
import { meetingsProjection } from './meetings.projection.js';

const guildId = snowflakeFor(71);
const owner = snowflakeFor(72);
const member = snowflakeFor(73);
const t0 = Date.parse('2025-11-17T09:00:00.000Z');
const at = (seconds: number) => new Date(t0 + seconds * 1000);
const user: Actor = { kind: 'user', id: owner };
const kaltura: Actor = { kind: 'kaltura', id: '100' };

describe('meetings projection', () => {
  let db: TestDatabase;
  let t: TestStream;
  let dataSource: DataSource;
  let runner: ProjectionRunner;
  const logger = testLogger('meetings-projection-test');

  beforeAll(async () => {
    [db, t] = await Promise.all([createTestDatabase(), createTestStream()]);
    dataSource = createDataSource({ url: db.url, applicationName: 'meetings-projection-test' });
    await dataSource.initialize();
    runner = new ProjectionRunner(meetingsProjection, dataSource, logger);
  });
  afterAll(async () => {
    await dataSource.destroy();
    await Promise.all([db.drop(), t.cleanup()]);
  });

  const append = <T extends EventType>(
    type: T,
    payload: PayloadOf<T>,
    seconds: number,
    actor = user,
  ) =>
    t.store.append(
      newEvent(type, payload, { actor, correlationId: 'c1', guildId, occurredAt: at(seconds) }),
    );
  const created = (meetingId: string, seconds: number) =>
    append(
      'meeting.created',
      {
        meetingId,
        kalturaResourceId: '10001',
        type: 'webinar',
        title: `Title ${meetingId}`,
        ownerUserId: owner,
        description: null,
      },
      seconds,
    );
  const link = (meetingId: string, userId: string, seconds: number) =>
    append('meeting.join_link_issued', { meetingId, userId, kalturaRole: 'viewerRole' }, seconds);
  const participant = (
    type: 'meeting.participant_joined' | 'meeting.participant_left',
    meetingId: string,
    participantId: string,
    s: number,
  ) => append(type, { meetingId, participantId }, s, kaltura);
  const run = (durable = 'proj_meetings', batchSize = 7) =>
    catchUp(runner, {
      nats: t,
      stream: t.stream,
      subjectPrefix: t.subjectPrefix,
      logger,
      batchSize,
      maxWaitMs: 50,
      durable,
    });
  const meetingRows = () =>
    dataSource.query<Record<string, unknown>[]>(
      `SELECT * FROM analytics.meetings ORDER BY meeting_id`,
    );
  const row = async (meetingId: string) =>
    (await meetingRows()).find((r) => r.meeting_id === meetingId);

  it('describes a whole meeting: times, duration, each participant once', async () => {
    await created('mlifecycle1', 0);
    await link('mlifecycle1', owner, 1);
    await link('mlifecycle1', member, 2);
    await link('mlifecycle1', member, 3);
    await append('meeting.started', { meetingId: 'mlifecycle1' }, 60, kaltura);
    await participant('meeting.participant_joined', 'mlifecycle1', member, 70);
    await participant('meeting.participant_joined', 'mlifecycle1', 'guest-1', 80);
    await participant('meeting.participant_left', 'mlifecycle1', 'guest-1', 90);
    await participant('meeting.participant_left', 'mlifecycle1', 'only-left', 95);
    await append('meeting.ended', { meetingId: 'mlifecycle1', endedBy: owner }, 3600);
    await append('meeting.ended', { meetingId: 'mlifecycle1', endedBy: 'kaltura' }, 3700, kaltura);
    await append(
      'meeting.recording_ready',
      { meetingId: 'mlifecycle1', entryId: '0_rec1' },
      3900,
      kaltura,
    );
    await run();

    expect(await row('mlifecycle1')).toEqual({
      meeting_id: 'mlifecycle1',
      guild_id: guildId,
      type: 'webinar',
      created_at: at(0),
      started_at: at(60),
      ended_at: at(3600),
      duration_seconds: 3540,
      participants: 3,
      title: 'Title mlifecycle1',
      owner_user_id: owner,
      status: 'ended',
      ended_by: owner,
      recording_entry_id: '0_rec1',
    });
    const sources = await dataSource.query<{ participant_id: string; source: string | null }[]>(
      `SELECT participant_id, source FROM kd.meeting_participants WHERE meeting_id = 'mlifecycle1' ORDER BY participant_id`,
    );
    expect(sources).toEqual(
      [
        { participant_id: owner, source: 'join_link' },
        { participant_id: member, source: 'join_link' },
        { participant_id: 'guest-1', source: 'kaltura' },
        { participant_id: 'only-left', source: null },
      ].sort((a, b) => a.participant_id.localeCompare(b.participant_id)),
    );
  });

  it('upserts what it knows for events of a meeting it has not seen created, and fills in later', async () => {
    await append('meeting.started', { meetingId: 'mearlystart' }, 100, kaltura);
    await run();
    expect(await row('mearlystart')).toMatchObject({
      guild_id: guildId,
      type: null,
      created_at: null,
      status: 'live',
      participants: 0,
    });

    await created('mearlystart', 130); // created occurredAt after the start: out of order at the source
    await participant('meeting.participant_joined', 'mearlystart', member, 140);
    await append('meeting.ended', { meetingId: 'mearlystart', endedBy: 'kaltura' }, 400, kaltura);
    await run();
    expect(await row('mearlystart')).toMatchObject({
      type: 'webinar',
      created_at: at(130),
      started_at: at(100),
      duration_seconds: 300,
      participants: 1,
      status: 'ended',
      ended_by: 'kaltura',
    });
  });

  it('gives a meeting first seen in one batch the guild stream order gives it, created or not', async () => {
    const [a, b, c] = [snowflakeFor(81), snowflakeFor(82), snowflakeFor(83)];
    const raw = <T extends EventType>(
      type: T,
      payload: PayloadOf<T>,
      g: string | null,
      s: number,
    ) =>
      t.store.append(
        newEvent(type, payload, {
          actor: kaltura,
          correlationId: 'c9',
          guildId: g,
          occurredAt: at(s),
        }),
      );
    await raw('meeting.started', { meetingId: 'mguilds1' }, null, 10);
    await raw('meeting.ended', { meetingId: 'mguilds1', endedBy: 'kaltura' }, a, 20);
    await raw(
      'meeting.participant_joined',
      { meetingId: 'mguilds1', participantId: member },
      b,
      15,
    );
    await raw(
      'meeting.created',
      {
        meetingId: 'mguilds1',
        kalturaResourceId: '10009',
        type: 'meeting',
        title: 'Guilds',
        ownerUserId: owner,
        description: null,
      },
      c,
      5,
    );
    await raw('meeting.started', { meetingId: 'mguilds2' }, null, 10);
    await raw(
      'meeting.participant_joined',
      { meetingId: 'mguilds2', participantId: member },
      a,
      11,
    );
    await raw('meeting.participant_left', { meetingId: 'mguilds2', participantId: member }, b, 12);
    await raw('meeting.ended', { meetingId: 'mguilds2', endedBy: 'kaltura' }, b, 13);
    await run('proj_meetings_guilds', 1000); // one batch: the rows are made in one statement
    const guilds = await dataSource.query<{ meeting_id: string; guild_id: string | null }[]>(
      `SELECT meeting_id, guild_id FROM kd.meetings WHERE meeting_id LIKE 'mguilds%' ORDER BY 1`,
    );
    // Its meeting.created's guild; without one, the first guild its events name.
    expect(guilds).toEqual([
      { meeting_id: 'mguilds1', guild_id: c },
      { meeting_id: 'mguilds2', guild_id: a },
    ]);
  });

  it('keeps the earliest end and its author whatever order the ends arrive in', async () => {
    await created('mlateend001', 0);
    await append('meeting.ended', { meetingId: 'mlateend001', endedBy: 'kaltura' }, 500, kaltura);
    await append('meeting.ended', { meetingId: 'mlateend001', endedBy: owner }, 200);
    await run();
    expect(await row('mlateend001')).toMatchObject({
      ended_at: at(200),
      ended_by: owner,
      duration_seconds: 200,
    });
  });

  it('lists meetings not ended in meetings_live, with who is in the room now', async () => {
    await created('mliveroom01', 0);
    await append('meeting.started', { meetingId: 'mliveroom01' }, 10, kaltura);
    await link('mliveroom01', owner, 11);
    await participant('meeting.participant_joined', 'mliveroom01', 'a', 20);
    await participant('meeting.participant_joined', 'mliveroom01', 'b', 21);
    // A leave stamped before the join it follows in the stream: the later occurredAt wins.
    await participant('meeting.participant_left', 'mliveroom01', 'b', 19);
    await participant('meeting.participant_left', 'mliveroom01', 'a', 30);
    await participant('meeting.participant_joined', 'mliveroom01', 'a', 40);
    await created('mcreatedonl', 5);
    await run();

    const live = await dataSource.query<Record<string, unknown>[]>(
      `SELECT meeting_id, status, participants, live_participants FROM analytics.meetings_live ORDER BY meeting_id`,
    );
    expect(live).toEqual([
      { meeting_id: 'mcreatedonl', status: 'created', participants: 0, live_participants: 0 },
      { meeting_id: 'mliveroom01', status: 'live', participants: 3, live_participants: 2 },
    ]);
    expect(await row('mliveroom01')).toMatchObject({
      ended_at: null,
      duration_seconds: null,
      status: 'live',
    });
  });

  it('rebuilds from sequence 1 to identical rows', async () => {
    const snapshot = async () => ({
      meetings: await meetingRows(),
      participants: await dataSource.query(`SELECT * FROM kd.meeting_participants ORDER BY 1, 2`),
      raw: await dataSource.query(`SELECT * FROM kd.meetings ORDER BY 1`),
    });
    const before = await snapshot();
    await runner.prepare({ forceRebuild: true });
    expect(await meetingRows()).toEqual([]);
    await run('proj_meetings_rebuild');
    expect(await snapshot()).toEqual(before);
  });

  it('applies a redelivered batch once', async () => {
    const before = await meetingRows();
    const head = await t.store.headSeq();
    const again = await runner.handleBatch([
      { seq: head, data: new TextEncoder().encode('{}'), redelivered: true },
    ]);
    expect(again.skipped).toBe(1);
    expect(await meetingRows()).toEqual(before);
  });

  it('starts analytics.meetings with the contract columns and comments every view column', async () => {
    const columns = await dataSource.query<
      { table_name: string; column_name: string; comment: string | null }[]
    >(
      `SELECT c.table_name, c.column_name, col_description(format('%I.%I', c.table_schema, c.table_name)::regclass, c.ordinal_position) AS comment
       FROM information_schema.columns c
       WHERE c.table_schema = 'analytics' AND c.table_name IN ('meetings', 'meetings_live')
       ORDER BY c.table_name, c.ordinal_position`,
    );
    const meetings = columns.filter((c) => c.table_name === 'meetings').map((c) => c.column_name);
    expect(meetings.slice(0, 8)).toEqual([
      'meeting_id',
      'guild_id',
      'type',
      'created_at',
      'started_at',
      'ended_at',
      'duration_seconds',
      'participants',
    ]);
    expect(meetings).toEqual(expect.arrayContaining(['title', 'owner_user_id', 'status']));
    expect(columns.filter((c) => !c.comment)).toEqual([]);
    const views = await dataSource.query<{ comment: string | null }[]>(
      `SELECT obj_description(v::regclass) AS comment FROM unnest(ARRAY['analytics.meetings', 'analytics.meetings_live']) v`,
    );
    expect(views.every((v) => v.comment)).toBe(true);
  });
});
