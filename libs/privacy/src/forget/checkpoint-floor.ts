import type { DataSource } from 'typeorm';

/**
 * The lowest checkpoint of the projections that have run (a forgotten person's key may go once
 * every one of them has applied `person.forgotten`); 0 when none has.
 */
export async function checkpointFloor(db: DataSource): Promise<number> {
  const rows: { floor: string | null }[] = await db.query(
    `SELECT min(last_seq)::text AS floor FROM kd.projection_checkpoints`,
  );
  return Number(rows[0]?.floor ?? 0);
}
