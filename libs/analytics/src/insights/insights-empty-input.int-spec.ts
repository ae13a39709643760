import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { eventFactory, snowflake } from '@kd/analytics-oracle';
import { subjectOf } from '@kd/event-store';
import { ProjectionRunner, catchUp, createDataSource } from '@kd/projections';
import { projectionNamed } from '@kd/read-models';
import {
  createTestDatabase,
  createTestStream,
  testLogger,
  trapClocks,
  type TestDatabase,
  type TestStream,
} from '@kd/testing';
import { readGuildInsights } from './guild-insights.query.js';
import { installReport } from './install-report.js';
import { readInstallSummary } from './install-summary.query.js';

// Issue 12: the insights behind /kaltura-stats, GET /api/v1/guilds/{id}/insights, the summary
// endpoint and the business gauges are total on empty input: a fresh database, a guild that
// has no members and never ran a command. Ratios are null, never an error; at any clock.
const f = eventFactory('empty');
const silent = snowflake(7001);
const memberless = snowflake(7002);
const events = [
  f.installed(silent, '2026-11-02T10:00:00.000Z', null),
  f.installed(memberless, '2026-11-03T10:00:00.000Z', 0),
];
const read = (instant: string) => ({ timeoutMs: 5_000, now: new Date(instant) });

describe('insights on empty input', () => {
  let empty: TestDatabase;
  let quiet: TestDatabase;
  let t: TestStream;
  let emptySource: DataSource;
  let quietSource: DataSource;

  beforeAll(async () => {
    [empty, quiet, t] = await Promise.all([
      createTestDatabase(),
      createTestDatabase(),
      createTestStream(),
    ]);
    emptySource = createDataSource({ url: empty.url, applicationName: 'insights-empty' });
    quietSource = createDataSource({ url: quiet.url, applicationName: 'insights-quiet' });
    await Promise.all([emptySource.initialize(), quietSource.initialize()]);
    for (const e of events) await t.js.publish(subjectOf(t.subjectPrefix, e), JSON.stringify(e));
    const logger = testLogger('insights-empty');
    await catchUp(new ProjectionRunner(projectionNamed('analytics'), quietSource, logger), {
      nats: t,
      stream: t.stream,
      subjectPrefix: t.subjectPrefix,
      logger,
      batchSize: 100,
      maxWaitMs: 20,
      durable: 'insights_empty',
    });
  });
  afterAll(async () => {
    await Promise.all([emptySource.destroy(), quietSource.destroy()]);
    await Promise.all([empty.drop(), quiet.drop(), t.cleanup()]);
  });

  it.each(trapClocks)('gives the install summary of a fresh database as of %s', async (_, at) => {
    const summary = await readInstallSummary(emptySource, read(at));
    const report = installReport(summary, new Date(at));
    expect(report.installedGuilds).toBe(0);
    for (const metric of [...report.engagement, ...report.retention, ...report.customization])
      expect(metric.value === null || metric.value === 0).toBe(true);
    expect(report.retention.every((m) => m.value === null)).toBe(true);
    expect(await readGuildInsights(emptySource, silent, read(at))).toBeUndefined();
  });

  it.each(trapClocks)(
    'gives a memberless, silent guild its figures with null ratios as of %s',
    async (_, at) => {
      for (const guildId of [silent, memberless]) {
        const insights = await readGuildInsights(quietSource, guildId, read(at));
        expect(insights).toMatchObject({
          guildId,
          asOf: new Date(at).toISOString(),
          installed: true,
          activity: { commands7d: 0, commands30d: 0, uniqueUsers30d: 0, lastActiveDay: null },
        });
        const ratios = Object.fromEntries(insights!.engagement.map((m) => [m.metric, m.value]));
        expect(ratios).toMatchObject({
          command_usage_rate: null,
          unique_users: null,
          meeting_creation_rate: null,
          meeting_join_rate: null,
        });
      }
      const summary = installReport(await readInstallSummary(quietSource, read(at)), new Date(at));
      expect(summary.installedGuilds).toBe(2);
      expect(summary.engagement.find((m) => m.metric === 'unique_users')?.value).toBeNull();
    },
  );
});
