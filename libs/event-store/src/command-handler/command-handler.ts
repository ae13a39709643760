import type { Aggregate, NewEvent } from '@kd/events';
import type { Logger } from '@kd/observability';
import { ConcurrencyError } from '../errors.js';
import type { EventStore } from '../event-store.js';
import type { RecordedEvent } from '../recorded-event.js';
import {
  eventsOf,
  resultOf,
  type AggregateModel,
  type Decided,
  type LoadedAggregate,
} from './aggregate-model.js';
import { AggregateLoader, type LoaderStore, type SnapshotStore } from './aggregate-loader.js';
import { ConflictRetriesExhaustedError } from './command-errors.js';
import { defaultRetryPolicy, retryDelay, type RetryPolicy } from './retry-policy.js';

export interface CommandHandlerOptions {
  store: Pick<EventStore, 'append'> & LoaderStore;
  logger?: Logger;
  /** Default: the store's `<stream>_SNAPSHOTS` for models with a codec; null: never. */
  snapshots?: SnapshotStore | null;
  /** Events folded since the last snapshot before a new one is written (default 50). */
  snapshotEvery?: number;
  /** For tests: the jitter source and the pause between attempts. */
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface HandleOptions<S> {
  policy?: RetryPolicy;
  /** State the caller already holds, used for the first attempt instead of reading the stream. */
  loaded?: LoadedAggregate<S>;
}

export interface Handled<S, R> extends LoadedAggregate<S> {
  /** What this command stored, over all attempts, oldest first. */
  appended: RecordedEvent[];
  /** Events the stream already had (same id): the returned state may lag behind the stream. */
  duplicates: number;
  result: R;
}

/**
 * The one write path of an event-sourced aggregate: load its events, fold them with `evolve`,
 * `decide`, append each event expecting the sequence before it, and on a conflict do it all
 * again on fresh state, pausing as the policy says. The decision may await an effect that must
 * succeed before anything is stored (closing a Kaltura room); it runs again on every attempt.
 */
export class CommandHandler {
  private readonly random: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly loader: AggregateLoader;

  constructor(private readonly options: CommandHandlerOptions) {
    this.loader = new AggregateLoader(options);
    this.random = options.random ?? Math.random;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** The aggregate's state: its snapshot and the events after it, or all its events. */
  async load<S>(model: AggregateModel<S>, id: string): Promise<LoadedAggregate<S>> {
    const { sinceSnapshot, ...loaded } = await this.loader.load(model, id);
    this.loader.remember(model, id, { ...loaded, sinceSnapshot });
    return loaded;
  }

  /** Resolves when the snapshot writes started so far are done (tests, benchmarks). */
  snapshotsWritten(): Promise<void> {
    return this.loader.settled();
  }

  async handle<S, R = undefined>(
    model: AggregateModel<S>,
    id: string,
    decide: (state: S) => Decided<R> | Promise<Decided<R>>,
    options: HandleOptions<S> = {},
  ): Promise<Handled<S, R>> {
    const policy = options.policy ?? defaultRetryPolicy;
    const appended: RecordedEvent[] = [];
    let preloaded = options.loaded;
    for (let attempt = 1; ; attempt++) {
      try {
        const loaded = preloaded
          ? { ...preloaded, sinceSnapshot: 0 }
          : await this.loader.load(model, id);
        preloaded = undefined;
        const decided = await decide(loaded.state);
        const before = appended.length;
        const after = await this.append(model, loaded, eventsOf(decided), appended);
        const sinceSnapshot = loaded.sinceSnapshot + appended.length - before;
        this.loader.remember(model, id, { ...after, sinceSnapshot });
        return { ...after, appended, result: resultOf(decided) };
      } catch (error) {
        preloaded = undefined;
        const pause = retryDelay(policy, error, attempt, this.random);
        if (pause === null) throw this.giveUp(model.aggregate, id, attempt, error);
        this.log(model.aggregate, id, attempt, error);
        await this.sleep(pause);
      }
    }
  }

  /** Appends in order, each expecting the previous one's sequence; a duplicate is skipped. */
  private async append<S>(
    model: AggregateModel<S>,
    loaded: LoadedAggregate<S>,
    events: readonly NewEvent[],
    appended: RecordedEvent[],
  ): Promise<LoadedAggregate<S> & { duplicates: number }> {
    let { state, lastSeq } = loaded;
    let duplicates = 0;
    for (const event of events) {
      const result = await this.options.store.append(event, { expectedLastSeq: lastSeq });
      if (result.duplicate) {
        duplicates++;
        continue;
      }
      state = model.evolve(state, result.event, result.seq);
      lastSeq = result.seq;
      appended.push({
        seq: result.seq,
        event: result.event,
        recordedVersion: result.event.version,
      });
    }
    return { state, lastSeq, duplicates };
  }

  private giveUp(aggregate: Aggregate, id: string, attempts: number, error: unknown): unknown {
    return error instanceof ConcurrencyError
      ? new ConflictRetriesExhaustedError(aggregate, id, attempts, error)
      : error;
  }

  private log(aggregate: Aggregate, id: string, attempt: number, error: unknown): void {
    const conflict = error instanceof ConcurrencyError;
    this.options.logger?.[conflict ? 'debug' : 'warn'](
      { aggregate, aggregateId: id, attempt, err: conflict ? undefined : String(error) },
      conflict ? 'changed concurrently; deciding again' : 'not stored; retrying',
    );
  }
}
