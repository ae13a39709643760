import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { generateHistory, publishRaw } from '@kd/analytics-oracle';
import {
  createTestDatabase,
  createTestStream,
  testLogger,
  type TestDatabase,
  type TestStream,
} from '@kd/testing';
import { catchUp, createDataSource, ProjectionRunner } from '@kd/projections';
import { projectionNamed } from '@kd/read-models';

/*
 * analytics.meetings (the operational meetings read model) and analytics.meetings_as_of (the
 * metric rules) differ only on bad input: on a clean history they hold the same meetings.
 */
const now = new Date('2026-03-18T13:45:00.000Z');
const { events } = generateHistory({ seed: 7, guilds: 12, days: 30, now, hostile: false });
const columns = `meeting_id, guild_id, type, owner_user_id, created_at, started_at, ended_at,
                 duration_seconds, participants`;

describe('analytics.meetings and analytics.meetings_as_of on a clean history', () => {
  let db: TestDatabase;
  let t: TestStream;
  let dataSource: DataSource;
  const logger = testLogger('analytics-meetings-agree');

  beforeAll(async () => {
    [db, t] = await Promise.all([createTestDatabase(), createTestStream()]);
    dataSource = createDataSource({ url: db.url, applicationName: 'analytics-meetings-agree' });
    await dataSource.initialize();
    await publishRaw(t, events);
    for (const name of ['meetings', 'analytics'])
      await catchUp(new ProjectionRunner(projectionNamed(name), dataSource, logger), {
        nats: t,
        stream: t.stream,
        subjectPrefix: t.subjectPrefix,
        logger,
        batchSize: 1000,
        maxWaitMs: 50,
        durable: `proj_${name}_agree`,
      });
  }, 60_000);
  afterAll(async () => {
    await dataSource.destroy();
    await Promise.all([db.drop(), t.cleanup()]);
  });

  it('holds the same meetings, times and participants', async () => {
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query(`SELECT set_config('kd.now', $1, false)`, [now.toISOString()]);
      const read = async (view: string) =>
        (await runner.query(`SELECT ${columns} FROM ${view} ORDER BY meeting_id`)) as unknown[];
      const operational = await read('analytics.meetings');
      const asOf = await read('analytics.meetings_as_of');
      expect(asOf.length).toBeGreaterThan(50);
      expect(operational).toEqual(asOf);
    } finally {
      await runner.query(`RESET kd.now`);
      await runner.release();
    }
  });
});
