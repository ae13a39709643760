import type { Aggregate, DomainEvent, NewEvent } from '@kd/events';

/** How an aggregate's state is folded from its events: the pure `evolve` and where it starts. */
export interface AggregateModel<S> {
  readonly aggregate: Aggregate;
  readonly initial: S;
  /** One recorded event (any type on the subject; ignore foreign ones) and its stream sequence. */
  evolve(state: S, event: DomainEvent, seq: number): S;
  /**
   * Optional: the state after all of `events`, equal to folding them one by one with `evolve`,
   * but free to share work between them (copy a collection once, not once per event). `owned`:
   * nobody else holds `state` (the loader just built it with `snapshot.fromJson` from a fresh
   * parse of the stored text), so it may be changed in place; otherwise `state` must be left as
   * it was (it may be `initial`, or a state a caller still holds). A model with `fold` must have
   * `fromJson` build a state sharing nothing `fold` changes with anything but that parse.
   */
  readonly fold?: (state: S, events: readonly FoldedEvent[], owned: boolean) => S;
  /** How the state is kept in a snapshot; without it the aggregate is always folded in full. */
  readonly snapshot?: SnapshotCodec<S>;
}

/** One recorded event as `fold` receives it. */
export interface FoldedEvent {
  readonly event: DomainEvent;
  readonly seq: number;
}

/**
 * A model's state as JSON. Bump `version` whenever the state's shape or `evolve` changes what it
 * folds to: snapshots of another version (or another `name`) are ignored and the events folded
 * in full. `fromJson` may throw on anything it does not recognise (same fallback).
 */
export interface SnapshotCodec<S> {
  readonly name: string;
  readonly version: number;
  toJson(state: S): unknown;
  fromJson(json: unknown): S;
}

/** State as of `lastSeq`, the sequence of the last event on the aggregate's subject (0 = none). */
export interface LoadedAggregate<S> {
  state: S;
  lastSeq: number;
}

/** What a decision asks to append, with anything else it wants to hand back to its caller. */
export type Decided<R> = readonly NewEvent[] | { events: readonly NewEvent[]; result: R };

export function eventsOf<R>(decided: Decided<R>): readonly NewEvent[] {
  return isEventList(decided) ? decided : decided.events;
}

/** A bare list of events has no result: R is then `undefined` (the default of `handle`). */
export function resultOf<R>(decided: Decided<R>): R {
  return isEventList(decided) ? (undefined as R) : decided.result;
}

function isEventList<R>(decided: Decided<R>): decided is readonly NewEvent[] {
  return Array.isArray(decided);
}
