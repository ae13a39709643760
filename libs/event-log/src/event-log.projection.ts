import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '@kd/event-store';
import type { Projection, TableTarget } from '@kd/projections';
import { ingestEventLog } from './event-log-ingest.js';

/** Every event as a row of `analytics.event_log`, one row per event id. */
export const eventLogProjection: Projection = {
  name: 'event_log',
  version: 1,
  tables: ['event_log', 'event_log_staging'],
  shadowRebuild: true,
  handles: 'all',
  async apply(
    events: readonly RecordedEvent[],
    tx: EntityManager,
    target: TableTarget,
  ): Promise<void> {
    await ingestEventLog(events, tx, target);
  },
  async reset(tx: EntityManager): Promise<void> {
    await tx.query(`TRUNCATE kd.event_log`);
  },
};
