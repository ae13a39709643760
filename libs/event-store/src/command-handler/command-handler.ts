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
import { ConflictRetriesExhaustedError } from './command-errors.js';
import { defaultRetryPolicy, retryDelay, type RetryPolicy } from './retry-policy.js';

export interface CommandHandlerOptions {
  store: Pick<EventStore, 'append' | 'readAggregate'>;
  logger?: Logger;
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

  constructor(private readonly options: CommandHandlerOptions) {
    this.random = options.random ?? Math.random;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  async load<S>(model: AggregateModel<S>, id: string): Promise<LoadedAggregate<S>> {
    const recorded = await this.options.store.readAggregate(model.aggregate, id);
    return {
      state: recorded.reduce((s, r) => model.evolve(s, r.event, r.seq), model.initial),
      lastSeq: recorded.at(-1)?.seq ?? 0,
    };
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
        const loaded = preloaded ?? (await this.load(model, id));
        preloaded = undefined;
        const decided = await decide(loaded.state);
        const after = await this.append(model, loaded, eventsOf(decided), appended);
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
