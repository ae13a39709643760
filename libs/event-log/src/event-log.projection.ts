import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '@kd/event-store';
import type { Projection } from '@kd/projections';
import { ingestEventLog } from './event-log-ingest.js';

/** Every event as a row of `analytics.event_log`, one row per event id. */
export const eventLogProjection: Projection = {
  name: 'event_log',
  version: 1,
  handles: 'all',
  async apply(events: readonly RecordedEvent[], tx: EntityManager): Promise<void> {
    await ingestEventLog(events, tx);
  },
  async reset(tx: EntityManager): Promise<void> {
    await tx.query(`TRUNCATE kd.event_log`);
  },
};
