import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import {
  computeMetrics,
  diffSnapshot,
  eventFactory,
  publishRaw,
  readViews,
  snowflake,
  type JsonObject,
} from '@kd/analytics-oracle';
import { catchUp, createDataSource, ProjectionRunner } from '@kd/projections';
import { projectionNamed } from '@kd/read-models';
import {
  createTestDatabase,
  createTestStream,
  testLogger,
  type TestDatabase,
  type TestStream,
} from '@kd/testing';
import { createAnalyticsProjection } from './analytics.projection.js';

/*
 * One person, one count (docs/analytics-rules.md §4): a join link to A, Kaltura reporting
 * `discord:A` joined, and a Kaltura user `u-x` that a later person.linked maps to B → 2 people,
 * in the metric rules (analytics) and the operational read model (meetings) alike, whatever
 * the batch boundaries.
 */
const defaults: JsonObject = { notifications: { enabled: true }, roles: { mapping: {} } };
const now = '2026-03-18T12:00:00.000Z';
const host = snowflake(1);
const [owner, a, b] = [snowflake(30), snowflake(31), snowflake(32)];
const f = eventFactory('people');
const events = [
  f.installed(host, '2026-01-01T00:00:00.000Z'),
  f.meetingCreated(host, '2026-03-17T10:00:00.000Z', 'mtg_mixed', owner),
  f.meetingStarted(host, '2026-03-17T10:05:00.000Z', 'mtg_mixed'),
  f.joinLink(host, '2026-03-17T10:01:00.000Z', 'mtg_mixed', a),
  f.joined(host, '2026-03-17T10:06:00.000Z', 'mtg_mixed', `discord:${a}`),
  f.joined(host, '2026-03-17T10:07:00.000Z', 'mtg_mixed', 'u-x'),
  f.left(host, '2026-03-17T10:30:00.000Z', 'mtg_mixed', 'u-x'),
  f.meetingEnded(host, '2026-03-17T11:00:00.000Z', 'mtg_mixed'),
  // Recorded after the joins (a retried link): it still folds what was counted before it.
  f.personLinked('2026-03-17T12:00:00.000Z', b, 'u-x'),
  f.joinLink(host, '2026-03-17T10:40:00.000Z', 'mtg_mixed', b),
  f.personLinked('2026-03-17T12:00:00.000Z', a, 'u-x'), // a second link: the first one holds
];

describe.each([1, 100])('participants folded onto people (batches of %i)', (batchSize) => {
  let db: TestDatabase;
  let t: TestStream;
  let dataSource: DataSource;
  const logger = testLogger('analytics-people');

  beforeAll(async () => {
    [db, t] = await Promise.all([createTestDatabase(), createTestStream()]);
    dataSource = createDataSource({ url: db.url, applicationName: 'analytics-people' });
    await dataSource.initialize();
    await publishRaw(t, events);
    const projections = [createAnalyticsProjection(() => defaults), projectionNamed('meetings')];
    for (const projection of projections)
      await catchUp(new ProjectionRunner(projection, dataSource, logger), {
        nats: t,
        stream: t.stream,
        subjectPrefix: t.subjectPrefix,
        logger,
        batchSize,
        maxWaitMs: 50,
        durable: `proj_${projection.name}_people`,
      });
  });
  afterAll(async () => {
    await dataSource.destroy();
    await Promise.all([db.drop(), t.cleanup()]);
  });

  it('counts the link to A, discord:A and u-x linked to B as 2 participants', async () => {
    const views = await readViews(dataSource, now);
    expect(views.meetings).toEqual([
      expect.objectContaining({ meeting_id: 'mtg_mixed', participants: 2 }),
    ]);
    expect(views.engagementSummary.meeting_join_rate).toBe(2);
  });

  it('agrees with the oracle', async () => {
    expect(
      diffSnapshot(
        await readViews(dataSource, now),
        computeMetrics(events, new Date(now), defaults),
      ),
    ).toEqual([]);
  });

  it('counts the same people in the operational meetings read model', async () => {
    const rows = await dataSource.query<{ participants: number }[]>(
      `SELECT participants FROM analytics.meetings WHERE meeting_id = 'mtg_mixed'`,
    );
    expect(rows).toEqual([{ participants: 2 }]);
    const people = await dataSource.query<{ participant_id: string; presence: string | null }[]>(
      `SELECT participant_id, presence FROM kd.meeting_participants ORDER BY participant_id`,
    );
    expect(people).toEqual([
      { participant_id: a, presence: 'joined' },
      { participant_id: b, presence: 'left' },
    ]);
  });
});
