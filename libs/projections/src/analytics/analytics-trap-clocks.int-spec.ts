import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { computeMetrics, generateHistory, type JsonObject } from '@kd/analytics';
import { loadDefaultConfig } from '@kd/guild-config';
import {
  createTestDatabase,
  createTestStream,
  lastTrapClock,
  testLogger,
  trapClocks,
  trapHistoryDays,
  type TestDatabase,
  type TestStream,
} from '@kd/testing';
import { createDataSource } from '../data-source.js';
import { catchUp } from '../projection-host.js';
import { ProjectionRunner } from '../runner/projection-runner.js';
import { createAnalyticsProjection } from './analytics.projection.js';
import { diffSnapshot, publishRaw, readViews } from './analytics-test-kit.js';

// Issue 12: no result may depend on the day the suite runs. Every view is compared with the
// oracle at fixed instants that are known traps (ISO week 53, year and month ends, a leap day,
// Monday 00:00, Sunday 23:59:59.999, the first day after an install), on a history that spans
// them all and on an empty database (a new install: every view total, ratios NULL).
const defaults = loadDefaultConfig() as unknown as JsonObject;
const { events } = generateHistory({
  seed: 53,
  guilds: 24,
  days: trapHistoryDays,
  now: lastTrapClock,
  defaults,
});
const firstInstall = events
  .filter((e) => e.type === 'guild.installed')
  .map((e) => Date.parse(e.occurredAt))
  .reduce((a, b) => Math.min(a, b), Infinity);
const dayAfterFirstInstall = new Date((Math.floor(firstInstall / 86_400_000) + 1) * 86_400_000);
const clocks: [string, string][] = [
  ...trapClocks.map(([name, at]) => [name, at] as [string, string]),
  ['the first day after the first install (00:00)', dayAfterFirstInstall.toISOString()],
];
const timeout = 120_000;

describe('analytics views at trap clocks', () => {
  let db: TestDatabase;
  let empty: TestDatabase;
  let t: TestStream;
  let dataSource: DataSource;
  let emptySource: DataSource;
  const logger = testLogger('analytics-trap-clocks');

  beforeAll(async () => {
    [db, empty, t] = await Promise.all([
      createTestDatabase(),
      createTestDatabase(),
      createTestStream(),
    ]);
    dataSource = createDataSource({ url: db.url, applicationName: 'analytics-trap-clocks' });
    emptySource = createDataSource({ url: empty.url, applicationName: 'analytics-trap-empty' });
    await Promise.all([dataSource.initialize(), emptySource.initialize()]);
    await publishRaw(t, events);
    const runner = new ProjectionRunner(
      createAnalyticsProjection(() => defaults),
      dataSource,
      logger,
    );
    await catchUp(runner, {
      nats: t,
      stream: t.stream,
      subjectPrefix: t.subjectPrefix,
      logger,
      batchSize: 1000,
      maxWaitMs: 50,
      durable: 'proj_analytics_trap_clocks',
    });
  }, timeout);
  afterAll(async () => {
    await Promise.all([dataSource.destroy(), emptySource.destroy()]);
    await Promise.all([db.drop(), empty.drop(), t.cleanup()]);
  });

  it('spans every trap clock with installs before the first one', () => {
    expect(events.length).toBeGreaterThan(5_000);
    expect(firstInstall).toBeLessThan(Date.parse('2026-12-01T00:00:00Z'));
  });

  it.each(clocks)(
    'equals the oracle as of %s',
    async (_, instant) => {
      const at = new Date(instant);
      const views = await readViews(dataSource, instant);
      expect(diffSnapshot(views, computeMetrics(events, at, defaults)).slice(0, 30)).toEqual([]);
    },
    timeout,
  );

  it.each(clocks)(
    'gives every view on an empty database, with NULL ratios, as of %s',
    async (_, instant) => {
      const views = await readViews(emptySource, instant);
      expect(diffSnapshot(views, computeMetrics([], new Date(instant), defaults))).toEqual([]);
      expect(views.engagementSummary.command_usage_rate).toBeNull();
      expect(views.retentionSummary.weekly_active_servers).toBeNull();
      expect(views.customizationSummary.configuration_rate).toBeNull();
    },
    timeout,
  );

  it('puts ISO week 2026-W53 in the weekly activity and the cohort matrix across the year end', async () => {
    const at = '2027-01-04T00:00:00.000Z';
    const views = await readViews(dataSource, at);
    expect(views.guildWeeklyActivity.some((r) => r.week === '2026-12-28')).toBe(true);
    // Each cohort installed before W53 has a cell for W53 (k counted across the year end).
    const w53 = Date.parse('2026-12-28T00:00:00Z');
    const cohorts = [...new Set(views.cohortRetention.map((r) => r.cohort_week))];
    expect(cohorts.length).toBeGreaterThanOrEqual(3);
    for (const cohort of cohorts) {
      const k = (w53 - Date.parse(`${cohort}T00:00:00Z`)) / (7 * 86_400_000);
      const cells = views.cohortRetention.filter((r) => r.cohort_week === cohort);
      expect(cells.at(-1)?.weeks_since_install).toBe(k);
    }
    expect(
      views.guildLifecycle
        .map((r) => r.week)
        .sort()
        .at(-1),
    ).toBe('2026-12-28');
  });
});
