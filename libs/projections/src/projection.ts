import type { EntityManager } from 'typeorm';
import type { EventType } from '@kd/events';
import type { RecordedEvent } from '@kd/event-store';

/**
 * A read model built from the log (STYLE §5). The runner owns batching, the transaction, the
 * checkpoint, skipping what was applied, dead letters, metrics and rebuilds; a projection only
 * says which events it needs and how to write a batch of them.
 */
export interface Projection {
  /** snake_case; also names the durable consumer and the checkpoint row. */
  name: string;
  /** Bump when `apply` changes meaning: the projection is rebuilt from sequence 1 at start. */
  version: number;
  handles: readonly EventType[] | 'all';
  /** Writes a batch, in stream order, inside the runner's transaction. Must be deterministic. */
  apply(events: readonly RecordedEvent[], tx: EntityManager): Promise<void>;
  /** Empties the projection's tables (before a rebuild), inside a transaction. */
  reset(tx: EntityManager): Promise<void>;
}
