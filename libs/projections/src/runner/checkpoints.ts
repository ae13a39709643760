import type { EntityManager } from 'typeorm';

export interface Checkpoint {
  lastSeq: number;
  projectionVersion: number;
}

/** Reads the checkpoint and locks it for the rest of the transaction (one writer per batch). */
export async function lockCheckpoint(
  tx: EntityManager,
  projection: string,
  version: number,
): Promise<Checkpoint> {
  // One round trip: creates the row the first time, and locks it either way (the no-op update).
  const rows: { last_seq: string; projection_version: number }[] = await tx.query(
    `INSERT INTO kd.projection_checkpoints AS c (projection, last_seq, projection_version)
     VALUES ($1, 0, $2)
     ON CONFLICT (projection) DO UPDATE SET projection = c.projection
     RETURNING c.last_seq, c.projection_version`,
    [projection, version],
  );
  const row = rows[0];
  return {
    lastSeq: Number(row?.last_seq ?? 0),
    projectionVersion: row?.projection_version ?? version,
  };
}

export async function saveCheckpoint(
  tx: EntityManager,
  projection: string,
  lastSeq: number,
  lastOccurredAt: string | null,
  version: number,
): Promise<void> {
  await tx.query(
    `UPDATE kd.projection_checkpoints
        SET last_seq = $2, last_occurred_at = COALESCE($3::timestamptz, last_occurred_at), projection_version = $4, updated_at = now()
      WHERE projection = $1`,
    [projection, lastSeq, lastOccurredAt, version],
  );
}

export async function readCheckpoint(
  tx: EntityManager,
  projection: string,
): Promise<Checkpoint | null> {
  const rows: { last_seq: string; projection_version: number }[] = await tx.query(
    `SELECT last_seq, projection_version FROM kd.projection_checkpoints WHERE projection = $1`,
    [projection],
  );
  const row = rows[0];
  return row ? { lastSeq: Number(row.last_seq), projectionVersion: row.projection_version } : null;
}
