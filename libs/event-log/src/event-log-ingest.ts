import { withoutOwnedPersonalFields } from '@kd/events';
import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '@kd/event-store';
import { copyRows, liveTables, tableIn, type CopyValue, type TableTarget } from '@kd/projections';

/** How a batch reached `kd.event_log`. */
export type IngestPath = 'insert' | 'copy' | 'staging';

/**
 * Below this many rows one `INSERT … unnest` round trip beats COPY's extra round trips and
 * savepoint (a caught-up projector sees small batches; latency matters more there).
 */
export const copyThreshold = 64;

/** Columns of `kd.event_log` in the order of `eventLogRow`. */
export const eventLogColumns = [
  'seq',
  'id',
  'type',
  'version',
  'recorded_version',
  'occurred_at',
  'recorded_at',
  'guild_id',
  'actor_kind',
  'actor_id',
  'correlation_id',
  'causation_id',
  'payload',
] as const;

/**
 * Writes a batch with "one row per event id, first seq wins" semantics (ON CONFLICT DO NOTHING),
 * inside the runner's transaction. Large batches go by COPY straight into the table under a
 * savepoint: the table's own unique constraints are the proof that the batch could not conflict
 * (seq and id are both unique), so when the COPY succeeds, DO NOTHING had nothing to do. If they
 * reject it (a duplicate id, within the batch or against an earlier one), the savepoint is rolled
 * back and the batch goes through the unlogged staging table + INSERT … ON CONFLICT DO NOTHING.
 * Any other error propagates, so the runner isolates the culprit event by event.
 */
export async function ingestEventLog(
  events: readonly RecordedEvent[],
  tx: EntityManager,
  target: TableTarget = liveTables,
): Promise<IngestPath> {
  const rows = events.map(eventLogRow);
  const table = tableIn(target, 'event_log');
  const staging = tableIn(target, 'event_log_staging');
  if (rows.length < copyThreshold) {
    await insertRows(rows, tx, table);
    return 'insert';
  }
  if (hasUniqueIds(events) && (await copyUnlessConflict(rows, tx, table))) return 'copy';
  await copyThroughStaging(rows, tx, table, staging);
  return 'staging';
}

async function copyUnlessConflict(
  rows: CopyValue[][],
  tx: EntityManager,
  table: string,
): Promise<boolean> {
  await tx.query('SAVEPOINT kd_copy');
  try {
    await copyRows(tx, table, eventLogColumns, rows);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    await tx.query('ROLLBACK TO SAVEPOINT kd_copy');
    return false;
  }
  await tx.query('RELEASE SAVEPOINT kd_copy');
  return true;
}

/**
 * The staging table is per projection, not per connection: the checkpoint row lock already makes
 * writers of event_log take turns, and TRUNCATE's lock lasts until COMMIT. An unlogged table owned
 * by the schema rather than a TEMP table, so kd_app keeps no TEMP privilege (migration 900).
 */
async function copyThroughStaging(
  rows: CopyValue[][],
  tx: EntityManager,
  table: string,
  staging: string,
): Promise<void> {
  await copyRows(tx, staging, eventLogColumns, rows);
  await tx.query(
    `INSERT INTO ${table} (${eventLogColumns.join(', ')})
     SELECT ${eventLogColumns.join(', ')} FROM ${staging} ORDER BY seq
     ON CONFLICT DO NOTHING`,
  );
  // Empty again before COMMIT (a failed batch's rows roll back with it).
  await tx.query(`TRUNCATE ${staging}`);
}

async function insertRows(rows: CopyValue[][], tx: EntityManager, table: string): Promise<void> {
  await tx.query(
    `INSERT INTO ${table} (${eventLogColumns.join(', ')})
     SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::int[], $5::int[], $6::timestamptz[],
                          $7::timestamptz[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::jsonb[])
     ON CONFLICT DO NOTHING`,
    eventLogColumns.map((_, i) => rows.map((row) => row[i])),
  );
}

/** One event as a row of `kd.event_log`, for COPY or unnest. */
export function eventLogRow(r: RecordedEvent): CopyValue[] {
  const e = r.event;
  return [
    r.seq,
    e.id,
    e.type,
    e.version,
    r.recordedVersion,
    e.occurredAt,
    e.recordedAt,
    e.guildId ?? null,
    e.actor.kind,
    e.actor.id,
    e.correlationId,
    e.causationId ?? null,
    JSON.stringify(withoutOwnedPersonalFields(e.type, e.payload)),
  ];
}

function hasUniqueIds(events: readonly RecordedEvent[]): boolean {
  return new Set(events.map((e) => e.event.id)).size === events.length;
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '23505';
}
