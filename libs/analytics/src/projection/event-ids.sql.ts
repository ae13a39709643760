import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '@kd/event-store';
import type { Tables } from './analytics-batch.js';

/**
 * Records the batch's event ids and returns the events seen for the first time: a repeat of an
 * id already applied (a re-published event, whatever its sequence) is dropped here, once for
 * every table, so the first copy in stream order wins as in kd.event_log.
 */
export async function keepNewIds(
  tx: EntityManager,
  at: Tables,
  events: readonly RecordedEvent[],
): Promise<RecordedEvent[]> {
  if (events.length === 0) return [];
  const inserted = await tx.query<{ event_id: string }[]>(
    `INSERT INTO ${at('event_ids')} (event_id, seq)
     SELECT * FROM unnest($1::text[], $2::bigint[])
     ON CONFLICT (event_id) DO NOTHING
     RETURNING event_id`,
    [events.map((r) => r.event.id), events.map((r) => r.seq)],
  );
  const fresh = new Set(inserted.map((row) => row.event_id));
  return events.filter((r) => fresh.has(r.event.id));
}
