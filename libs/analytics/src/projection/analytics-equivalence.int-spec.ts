import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import {
  computeMetrics,
  diffSnapshot,
  generateHistory,
  idAt,
  type JsonObject,
  publishRaw,
  readViews,
  sortedTables,
  type ViewSnapshot,
} from '@kd/analytics-oracle';
import { loadDefaultConfig } from '@kd/guild-config';
import {
  createTestDatabase,
  createTestStream,
  testLogger,
  type TestDatabase,
  type TestStream,
} from '@kd/testing';
import { catchUp, createDataSource, ProjectionRunner } from '@kd/projections';
import { createAnalyticsProjection } from './analytics.projection.js';

// 200 guilds × 120 days ≈ 126k events: the file takes about 45 s on the 2-core machine.
// KD_ANALYTICS_GUILDS / KD_ANALYTICS_DAYS run a bigger history (e.g. 1000 × 180) on demand.
const size = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const guilds = size('KD_ANALYTICS_GUILDS', 200);
const days = size('KD_ANALYTICS_DAYS', 120);
const timeout = Math.max(60_000, guilds * days * 3);
const now = new Date('2026-03-18T13:45:00.000Z');
const defaults = loadDefaultConfig() as unknown as JsonObject;
const history = generateHistory({ seed: 42, guilds, days, now, defaults });
const { events, hostile } = history;

describe(`analytics views on a generated history (${guilds} guilds × ${days} days, hostile input)`, () => {
  let db: TestDatabase;
  let t: TestStream;
  let dataSource: DataSource;
  let runner: ProjectionRunner;
  const logger = testLogger('analytics-equivalence');
  const run = (durable: string) =>
    catchUp(runner, {
      nats: t,
      stream: t.stream,
      subjectPrefix: t.subjectPrefix,
      logger,
      batchSize: 1000,
      maxWaitMs: 50,
      durable,
    });
  const views = (at: Date) => readViews(dataSource, at.toISOString());

  beforeAll(async () => {
    [db, t] = await Promise.all([createTestDatabase(), createTestStream()]);
    dataSource = createDataSource({ url: db.url, applicationName: 'analytics-equivalence' });
    await dataSource.initialize();
    runner = new ProjectionRunner(
      createAnalyticsProjection(() => defaults),
      dataSource,
      logger,
    );
  });
  afterAll(async () => {
    await dataSource.destroy();
    await Promise.all([db.drop(), t.cleanup()]);
  });

  it(
    'puts every recorded event on the stream in order, repeated ids included',
    async () => {
      expect(hostile.duplicateIds.length).toBeGreaterThan(100);
      expect(hostile.lateIds.length).toBeGreaterThan(100);
      expect(hostile.unknownGuildIds.length).toBeGreaterThan(0);
      expect(hostile.preInstallEventIds.length).toBeGreaterThan(0);
      expect(hostile.futureEventIds.length).toBeGreaterThan(0);
      expect(hostile.orphanMeetingEventIds.length).toBeGreaterThan(0);
      expect(await publishRaw(t, events)).toBe(events.length);
      for (const seq of [1, 2, 777, Math.floor(events.length / 2), events.length])
        expect(await idAt(t, seq)).toBe(events[seq - 1]?.id);
    },
    timeout,
  );

  it(
    'applies the whole stream without parking an event',
    async () => {
      expect(await run('proj_analytics_equivalence')).toBe(events.length);
      const parked = await dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM kd.projection_dead_letters`,
      );
      expect(parked[0]?.n).toBe(0);
    },
    timeout,
  );

  let atNow: ViewSnapshot;
  it(
    'equals computeMetrics(events, now, defaults) in every view, row by row',
    async () => {
      atNow = await views(now);
      expect(atNow.guildDailyActivity.length).toBeGreaterThan(5_000);
      expect(atNow.liveMeetings.length).toBeGreaterThan(0);
      expect(atNow.liveParticipants.length).toBeGreaterThan(0);
      expect(atNow.insights.filter((r) => r.command_retained_30d === true).length).toBeGreaterThan(
        0,
      );
      expect(diffSnapshot(atNow, computeMetrics(events, now, defaults)).slice(0, 30)).toEqual([]);
    },
    timeout,
  );

  it.each([
    ['a Monday at midnight', '2026-03-16T00:00:00.000Z'],
    ['the last millisecond of a Sunday', '2026-03-15T23:59:59.999Z'],
    ['mid-history', '2026-01-21T08:30:00.000Z'],
  ])(
    'equals the oracle as of %s (SET kd.now)',
    async (_, instant) => {
      const at = new Date(instant);
      expect(
        diffSnapshot(await views(at), computeMetrics(events, at, defaults)).slice(0, 30),
      ).toEqual([]);
    },
    timeout,
  );

  it('reports per-command usage consistent with feature adoption', () => {
    const used = atNow.featureUsage.filter((r) => r.user_facing === true && Number(r.guilds) > 0);
    expect(atNow.featureUsage.filter((r) => r.user_facing === true)).toHaveLength(11);
    expect(used.length / 11).toBeCloseTo(atNow.engagementSummary.feature_adoption, 12);
  });

  it(
    'rebuilds from sequence 1 to identical views',
    async () => {
      await runner.prepare({ forceRebuild: true });
      expect((await views(now)).guilds).toEqual([]);
      expect(await run('proj_analytics_equivalence_rebuild')).toBe(events.length);
      expect(sortedTables(await views(now))).toEqual(sortedTables(atNow));
    },
    timeout,
  );
});
