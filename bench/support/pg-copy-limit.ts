import type { DataSource } from 'typeorm';
import type { DomainEvent } from '@kd/events';
import { eventLogColumns, eventLogRow } from '@kd/event-log';
import { copyText, encodeCopyText } from '@kd/projections';

/**
 * PostgreSQL's own ingest limit for rows shaped like `kd.event_log` (DESIGN §8): `COPY … FROM
 * STDIN` (text) into a fresh copy of the table with all its constraints and indexes, one
 * transaction per `batch` rows with `synchronous_commit = off`, as the projector writes. The
 * rows are encoded before the clock starts: this is the database's figure, not ours.
 */
export async function pgCopyLimitPerS(
  dataSource: DataSource,
  events: readonly DomainEvent[],
  batch: number,
): Promise<number> {
  const table = 'kd.bench_copy_limit';
  await dataSource.query(`DROP TABLE IF EXISTS ${table}`);
  await dataSource.query(`CREATE TABLE ${table} (LIKE kd.event_log INCLUDING ALL)`);
  const chunks: string[] = [];
  for (let i = 0; i < events.length; i += batch) {
    const rows = events
      .slice(i, i + batch)
      .map((event, j) => eventLogRow({ seq: i + j + 1, event, recordedVersion: event.version }));
    chunks.push(encodeCopyText(rows));
  }
  const t0 = performance.now();
  for (const chunk of chunks)
    await dataSource.transaction(async (tx) => {
      await tx.query(`SET LOCAL synchronous_commit = off`);
      await copyText(tx, table, eventLogColumns, chunk);
    });
  const ms = performance.now() - t0;
  await dataSource.query(`DROP TABLE ${table}`);
  return Math.round(events.length / (ms / 1000));
}
