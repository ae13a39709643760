import type { Aggregate } from '@kd/events';
import type { Logger } from '@kd/observability';
import type { EventStore } from '../event-store.js';
import type { RecordedEvent } from '../recorded-event.js';
import type { AggregateSnapshots } from '../snapshots/aggregate-snapshots.js';
import type { AggregateModel, LoadedAggregate } from './aggregate-model.js';

/** What loading needs: full reads always; the tail read and snapshots when the store has them. */
export type LoaderStore = Pick<EventStore, 'readAggregate'> &
  Partial<Pick<EventStore, 'readAggregateAfter' | 'snapshots'>>;
export type SnapshotStore = Pick<AggregateSnapshots, 'get' | 'put'>;

/** Loaded state and how many events were folded into it since its snapshot (all, without one). */
export interface Folded<S> extends LoadedAggregate<S> {
  sinceSnapshot: number;
}

export interface AggregateLoaderOptions {
  store: LoaderStore;
  /** Default: the store's own (`<stream>_SNAPSHOTS`); null: always fold in full. */
  snapshots?: SnapshotStore | null;
  /** A new snapshot is written once this many events were folded since the last (default 50). */
  snapshotEvery?: number;
  logger?: Logger;
}

/**
 * 50: a load reads and folds at most 49 events past its snapshot (a few rounds of direct gets),
 * while a 10,000-recipient meeting's ~210 KB snapshot is rewritten every 50 events, ~4 KB per
 * event (issue 16: 100 before, with ~570 KB snapshots).
 */
export const defaultSnapshotEvery = 50;

/**
 * Loads an aggregate from its snapshot and the events after it, or, for a model without a
 * codec, a missing, unreadable, other-version or stale snapshot, from all its events. Snapshots
 * are a cache: a failure to read or write one is logged and the events are folded instead, and
 * the expected-sequence check on append stays the only guard against concurrent writers.
 */
export class AggregateLoader {
  private readonly snapshots: SnapshotStore | undefined;
  private readonly every: number;
  private readonly writes = new Set<Promise<void>>();

  constructor(private readonly options: AggregateLoaderOptions) {
    this.snapshots =
      options.snapshots === null
        ? undefined
        : (options.snapshots ?? (options.store.readAggregateAfter && options.store.snapshots));
    this.every = options.snapshotEvery ?? defaultSnapshotEvery;
  }

  async load<S>(model: AggregateModel<S>, id: string): Promise<Folded<S>> {
    const fromSnapshot = await this.fromSnapshot(model, id);
    if (fromSnapshot) return fromSnapshot;
    const recorded = await this.options.store.readAggregate(model.aggregate, id);
    return fold(model, model.initial, 0, recorded, false);
  }

  /** Writes a snapshot of `loaded` in the background when enough was folded since the last. */
  remember<S>(model: AggregateModel<S>, id: string, loaded: Folded<S>): void {
    const codec = model.snapshot;
    if (!codec || !this.snapshots || loaded.sinceSnapshot < this.every || loaded.lastSeq === 0)
      return;
    const snapshots = this.snapshots;
    const write = (async () => {
      const state = codec.toJson(loaded.state);
      const snapshot = {
        model: codec.name,
        version: codec.version,
        lastSeq: loaded.lastSeq,
        state,
      };
      await snapshots.put(model.aggregate, id, snapshot);
    })()
      .catch((error: unknown) => this.warn(model.aggregate, id, 'not written', error))
      .finally(() => this.writes.delete(write));
    this.writes.add(write);
  }

  /** Resolves when every snapshot write started so far has finished (tests, benchmarks). */
  async settled(): Promise<void> {
    await Promise.all([...this.writes]);
  }

  private async fromSnapshot<S>(model: AggregateModel<S>, id: string): Promise<Folded<S> | null> {
    const { snapshots } = this;
    const codec = model.snapshot;
    const readAfter = this.options.store.readAggregateAfter?.bind(this.options.store);
    if (!codec || !snapshots || !readAfter) return null;
    let base: { state: S; lastSeq: number };
    try {
      const snapshot = await snapshots.get(model.aggregate, id);
      if (!snapshot || snapshot.model !== codec.name || snapshot.version !== codec.version)
        return null;
      base = { state: codec.fromJson(snapshot.state), lastSeq: snapshot.lastSeq };
    } catch (error) {
      this.warn(model.aggregate, id, 'not read', error);
      return null;
    }
    const tail = await readAfter(model.aggregate, id, base.lastSeq);
    if (tail.lastSeq < base.lastSeq) return null; // the stream no longer has its last event
    const folded = fold(model, base.state, base.lastSeq, tail.events, true);
    return { ...folded, sinceSnapshot: tail.events.length };
  }

  private warn(aggregate: Aggregate, id: string, what: string, error: unknown): void {
    this.options.logger?.warn(
      { aggregate, aggregateId: id, err: String(error) },
      `aggregate snapshot ${what}; folding events instead`,
    );
  }
}

/** `owned`: `state` was just built from a snapshot and nobody else holds it. */
function fold<S>(
  model: AggregateModel<S>,
  state: S,
  lastSeq: number,
  recorded: readonly RecordedEvent[],
  owned: boolean,
): Folded<S> {
  return {
    state: model.fold
      ? model.fold(state, recorded, owned)
      : recorded.reduce((s, r) => model.evolve(s, r.event, r.seq), state),
    lastSeq: recorded.at(-1)?.seq ?? lastSeq,
    sinceSnapshot: recorded.length,
  };
}
