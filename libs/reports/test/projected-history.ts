import pg from 'pg';
import type { DomainEvent } from '@kd/events';
import type { DataSource } from 'typeorm';
import { eventLogProjection } from '@kd/event-log';
import { subjectOf } from '@kd/event-store';
import { ProjectionRunner, catchUp, createDataSource } from '@kd/projections';
import { projectionNamed } from '@kd/read-models';
import { createTestDatabase, createTestStream, testLogger, type TestDatabase } from '@kd/testing';
import { endInstant, type Period } from '../src/period.js';
import { inSnapshot, type Sql } from '../src/sql.js';
import { history } from './report-history.js';

export interface ProjectedHistory {
  db: TestDatabase;
  client: pg.Client;
  /** Runs `fn` in a report snapshot at the period's end, as `role` when given. */
  read<T>(period: Period, fn: (sql: Sql) => Promise<T>, role?: string): Promise<T>;
  dispose(): Promise<void>;
}

/**
 * The report history on its own stream, applied by the real event_log and analytics
 * projections (the runner and consumer the projector uses) to a fresh test database.
 */
export async function projectedHistory(
  events: readonly DomainEvent[] = history,
): Promise<ProjectedHistory> {
  const [db, t] = await Promise.all([createTestDatabase(), createTestStream()]);
  const logger = testLogger('reports');
  const dataSource: DataSource = createDataSource({ url: db.url, applicationName: 'reports-int' });
  await dataSource.initialize();
  // In order, 256 in flight at a time: JetStream keeps the order of one connection's publishes.
  for (let i = 0; i < events.length; i += 256)
    await Promise.all(
      events
        .slice(i, i + 256)
        .map((e) => t.js.publish(subjectOf(t.subjectPrefix, e), JSON.stringify(e))),
    );
  for (const projection of [eventLogProjection, projectionNamed('analytics')])
    await catchUp(new ProjectionRunner(projection, dataSource, logger), {
      nats: t,
      stream: t.stream,
      subjectPrefix: t.subjectPrefix,
      logger,
      batchSize: 16,
      maxWaitMs: 50,
      durable: `reports_${projection.name}`,
    });
  await dataSource.destroy();
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  return {
    db,
    client,
    read: (period, fn, role) =>
      inSnapshot(client, endInstant(period), async (sql) => {
        if (role) await sql.query(`SET LOCAL ROLE ${role}`);
        return fn(sql);
      }),
    async dispose() {
      await client.end();
      await Promise.all([db.drop(), t.cleanup()]);
    },
  };
}
