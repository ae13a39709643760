import type { EntityManager } from 'typeorm';
import type { EventType } from '@kd/events';
import type { RecordedEvent } from '@kd/event-store';
import type { TableTarget } from './table-target.js';

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
  /** Its tables in schema `kd` (without the schema), the ones a shadow rebuild copies and swaps. */
  tables: readonly string[];
  /**
   * True when `apply` writes only through `tableIn(target, …)`: a rebuild then builds shadow
   * tables while the live ones keep serving, and swaps them in (shadow-rebuild.ts). Otherwise a
   * rebuild empties the live tables first.
   */
  shadowRebuild?: boolean;
  /**
   * Writes a batch, in stream order, inside the runner's transaction. Must be deterministic.
   * `target` is the live tables, or the shadow ones during a rebuild (if `shadowRebuild`).
   */
  apply(events: readonly RecordedEvent[], tx: EntityManager, target: TableTarget): Promise<void>;
  /** Empties the projection's tables (before a rebuild), inside a transaction. */
  reset(tx: EntityManager): Promise<void>;
}
