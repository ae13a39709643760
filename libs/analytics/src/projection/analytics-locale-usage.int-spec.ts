import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import type { DomainEvent } from '@kd/events';
import {
  computeMetrics,
  diffSnapshot,
  eventFactory,
  publishRaw,
  readViews,
  snowflake,
} from '@kd/analytics-oracle';
import {
  createTestDatabase,
  createTestStream,
  testLogger,
  type TestDatabase,
  type TestStream,
} from '@kd/testing';
import { catchUp, createDataSource, ProjectionRunner } from '@kd/projections';
import { createAnalyticsProjection } from './analytics.projection.js';

const now = '2026-12-31T12:00:00.000Z'; // a Thursday of ISO week 53
const [g1, g2] = [snowflake(1), snowflake(2)];
const [ada, bo, cy] = [snowflake(11), snowflake(12), snowflake(13)];
const f = eventFactory('loc');

/** A command as recorded before v2: no locale fields, version 1 (upcast: locale unknown). */
function v1Command(at: string): DomainEvent {
  const event = f.command(g1, at, { user: cy });
  const payload: Record<string, unknown> = { ...event.payload };
  delete payload.locale;
  delete payload.guildLocale;
  return { ...event, version: 1, payload } as unknown as DomainEvent;
}

const events: DomainEvent[] = [
  f.installed(g1, '2026-12-01T10:00:00.000Z', 10),
  f.installed(g2, '2026-12-01T10:00:00.000Z', 10),
  f.command(g1, '2026-12-30T23:59:59.999Z', { user: ada, locale: 'de' }),
  f.command(g1, '2026-12-31T00:00:00.000Z', { user: ada, locale: 'de' }),
  f.command(g1, '2026-12-31T08:00:00.000Z', { user: ada, locale: 'de', outcome: 'denied' }),
  f.command(g2, '2026-12-31T09:00:00.000Z', { user: bo, locale: 'de' }),
  f.command(g2, '2026-12-31T09:30:00.000Z', { user: bo, locale: 'es-419' }),
  f.command(g2, '2026-12-31T10:00:00.000Z', { user: cy, locale: null }),
  v1Command('2026-12-31T11:00:00.000Z'),
  f.command(null, '2026-12-31T11:00:00.000Z', { user: ada, locale: 'fr' }), // a DM: no guild
  f.command(g1, '2026-12-31T12:00:00.001Z', { user: ada, locale: 'pt-BR' }), // after now
];

describe('analytics.locale_usage', () => {
  let db: TestDatabase;
  let t: TestStream;
  let dataSource: DataSource;
  const logger = testLogger('analytics-locale');

  beforeAll(async () => {
    [db, t] = await Promise.all([createTestDatabase(), createTestStream()]);
    dataSource = createDataSource({ url: db.url, applicationName: 'analytics-locale' });
    await dataSource.initialize();
    const runner = new ProjectionRunner(
      createAnalyticsProjection(() => ({})),
      dataSource,
      logger,
    );
    await publishRaw(t, events);
    await catchUp(runner, {
      nats: t,
      stream: t.stream,
      subjectPrefix: t.subjectPrefix,
      logger,
      batchSize: 4,
      maxWaitMs: 50,
      durable: 'proj_analytics_locale',
    });
  });
  afterAll(async () => {
    await dataSource.destroy();
    await Promise.all([db.drop(), t.cleanup()]);
  });

  it('counts guild commands per UTC day and member locale, v1 and missing as unknown', async () => {
    const { localeUsage } = await readViews(dataSource, now);
    const sorted = [...localeUsage].sort((a, b) =>
      `${String(a.day)}${String(a.locale)}`.localeCompare(`${String(b.day)}${String(b.locale)}`),
    );
    expect(sorted).toEqual([
      { day: '2026-12-30', locale: 'de', commands: 1, unique_users: 1, guilds: 1 },
      { day: '2026-12-31', locale: 'de', commands: 3, unique_users: 2, guilds: 2 },
      { day: '2026-12-31', locale: 'es-419', commands: 1, unique_users: 1, guilds: 1 },
      { day: '2026-12-31', locale: 'unknown', commands: 2, unique_users: 1, guilds: 2 },
    ]);
  });

  it('equals the oracle, now and just after the later command', async () => {
    const upcast = events.map((e) =>
      e.version === 1
        ? ({
            ...e,
            version: 2,
            payload: { ...e.payload, locale: null, guildLocale: null },
          } as DomainEvent)
        : e,
    );
    for (const instant of [now, '2026-12-31T12:00:00.001Z']) {
      const expected = computeMetrics(upcast, new Date(instant), {});
      expect(diffSnapshot(await readViews(dataSource, instant), expected)).toEqual([]);
    }
  });
});
