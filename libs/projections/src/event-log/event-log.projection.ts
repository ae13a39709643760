import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '@kd/event-store';
import type { Projection } from '../projection.js';

/** Every event as a row of `analytics.event_log`, one row per event id. */
export const eventLogProjection: Projection = {
  name: 'event_log',
  version: 1,
  handles: 'all',
  async apply(events: readonly RecordedEvent[], tx: EntityManager): Promise<void> {
    await tx.query(
      `INSERT INTO kd.event_log (seq, id, type, version, recorded_version, occurred_at, recorded_at, guild_id,
                                 actor_kind, actor_id, correlation_id, causation_id, payload)
       SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::int[], $5::int[], $6::timestamptz[],
                            $7::timestamptz[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::jsonb[])
       ON CONFLICT DO NOTHING`,
      columns(events),
    );
  },
  async reset(tx: EntityManager): Promise<void> {
    await tx.query(`TRUNCATE kd.event_log`);
  },
};

function columns(events: readonly RecordedEvent[]): unknown[][] {
  const pick = <T>(f: (r: RecordedEvent) => T): T[] => events.map(f);
  return [
    pick((r) => r.seq),
    pick((r) => r.event.id),
    pick((r) => r.event.type),
    pick((r) => r.event.version),
    pick((r) => r.recordedVersion),
    pick((r) => r.event.occurredAt),
    pick((r) => r.event.recordedAt),
    pick((r) => r.event.guildId),
    pick((r) => r.event.actor.kind),
    pick((r) => r.event.actor.id),
    pick((r) => r.event.correlationId),
    pick((r) => r.event.causationId ?? null),
    pick((r) => JSON.stringify(r.event.payload)),
  ];
}
