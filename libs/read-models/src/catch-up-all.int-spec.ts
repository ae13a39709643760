import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import {
  commandExecutedEvent,
  createTestDatabase,
  createTestStream,
  guildInstalledEvent,
  testLogger,
  type TestDatabase,
  type TestStream,
} from '@kd/testing';
import { analyticsProjection } from '@kd/analytics';
import { eventLogProjection } from '@kd/event-log';
import {
  catchUp,
  catchUpAll,
  createDataSource,
  ProjectionRunner,
  type CatchUpOptions,
} from '@kd/projections';

/** One consumer for several projections (rebuild --all), with batches adapted to the backlog. */
describe('catchUpAll', () => {
  let db: TestDatabase;
  let t: TestStream;
  let dataSource: DataSource;
  const logger = testLogger('catch-up-all-test');

  beforeAll(async () => {
    [db, t] = await Promise.all([createTestDatabase(), createTestStream()]);
    dataSource = createDataSource({ url: db.url, applicationName: 'catch-up-all-test' });
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource.destroy();
    await Promise.all([db.drop(), t.cleanup()]);
  });

  const options = (durable: string, onProgress?: CatchUpOptions['onProgress']) => ({
    nats: t,
    stream: t.stream,
    subjectPrefix: t.subjectPrefix,
    logger,
    batchSize: 50,
    maxBatchSize: 200,
    maxWaitMs: 1000,
    durable,
    ...(onProgress ? { onProgress } : {}),
  });
  const fingerprint = async (table: string) =>
    (
      await dataSource.query<{ f: string | null; n: string }[]>(
        `SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) AS f, count(*) AS n FROM ${table} t`,
      )
    )[0];
  const analyticsTables = [
    'kd.analytics_guilds',
    'kd.analytics_commands',
    'kd.analytics_event_ids',
  ];

  it('applies every projection from its own checkpoint in one pass, each once', async () => {
    for (let i = 0; i < 400; i++)
      await t.store.append(i % 4 === 0 ? guildInstalledEvent() : commandExecutedEvent());
    const eventLog = new ProjectionRunner(eventLogProjection, dataSource, logger);
    const analytics = new ProjectionRunner(analyticsProjection, dataSource, logger);
    // event_log is already ahead: the shared pass starts at the lowest checkpoint, and event_log
    // skips what it has.
    await catchUp(eventLog, { ...options('solo'), batchSize: 400 });
    expect(await eventLog.checkpoint()).toBe(400);
    for (let i = 0; i < 200; i++) await t.store.append(commandExecutedEvent());

    const steps: number[] = [];
    let previous = 0;
    const reached = await catchUpAll(
      [eventLog, analytics],
      options('shared', (seq) => {
        steps.push(seq - previous);
        previous = seq;
      }),
    );
    expect(reached).toBe(600);
    expect(await eventLog.checkpoint()).toBe(600);
    expect(await analytics.checkpoint()).toBe(600);
    const logRows = await dataSource.query<{ n: string; d: string; top: string }[]>(
      `SELECT count(*) AS n, count(DISTINCT seq) AS d, max(seq) AS top FROM kd.event_log`,
    );
    expect(logRows[0]).toEqual({ n: '600', d: '600', top: '600' });
    // Far behind, batches grew beyond batchSize (50) up to maxBatchSize (200).
    expect(Math.max(...steps)).toBeGreaterThan(50);
    expect(Math.max(...steps)).toBeLessThanOrEqual(200);

    // The same rows as a rebuild of analytics on its own.
    const shared = await Promise.all(analyticsTables.map(fingerprint));
    await analytics.prepare({ forceRebuild: true });
    await catchUp(analytics, options('analytics_alone'));
    expect(await Promise.all(analyticsTables.map(fingerprint))).toEqual(shared);
    expect(Number(shared[2]?.n)).toBeGreaterThan(0);
  });
});
