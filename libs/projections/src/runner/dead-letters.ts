import type { EntityManager } from 'typeorm';

export interface ParkedEvent {
  seq: number;
  eventId: string | null;
  eventType: string | null;
  errorCode: string;
  errorMessage: string;
  raw: string;
}

export async function parkEvents(
  tx: EntityManager,
  projection: string,
  parked: readonly ParkedEvent[],
): Promise<void> {
  if (parked.length === 0) return;
  await tx.query(
    `INSERT INTO kd.projection_dead_letters (projection, seq, event_id, event_type, error_code, error_message, raw)
     SELECT $1, * FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
     ON CONFLICT (projection, seq) DO NOTHING`,
    [
      projection,
      parked.map((p) => p.seq),
      parked.map((p) => p.eventId),
      parked.map((p) => p.eventType),
      parked.map((p) => p.errorCode),
      parked.map((p) => p.errorMessage.slice(0, 2000)),
      parked.map((p) => p.raw),
    ],
  );
}
