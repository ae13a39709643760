import type { DataSource } from 'typeorm';
import type { EventStore } from '@kd/event-store';
import { definitionOf, personsIn, type NewEvent } from '@kd/events';
import { readCheckpoint } from '@kd/projections';

export interface LagResult {
  events: number;
  rate: number;
  achieved_rate: number;
  lag_p50_s: number;
  lag_p99_s: number;
  lag_max_s: number;
  /** Seconds at the start left out of the percentiles (see `warmupSeconds`). */
  warmup_s: number;
  /** The largest lag of an event appended during the warm-up. */
  warmup_lag_max_s: number;
  /** The largest lag of the events appended in each second of the run: the transient's shape. */
  lag_max_by_second_s: number[];
}

/**
 * Publishes `events` at a steady `rate` (in 10 ms ticks) while a projector applies them, and
 * measures each event's lag: from its append being acknowledged to the first checkpoint poll
 * (every 10 ms) that covers it. Percentiles over the events appended after the first
 * `warmupSeconds`: the start is a transient (a projector's first batches; unless `knowPeople` ran,
 * every person of the bench's mix appearing for the first time, each a new person key to create),
 * reported apart as `warmup_lag_max_s`.
 */
export async function measureProjectionLag(
  store: EventStore,
  dataSource: DataSource,
  projection: string,
  events: NewEvent[],
  rate: number,
  warmupSeconds = 0,
): Promise<LagResult> {
  const ackedAt = new Map<number, number>();
  const appliedAt = new Map<number, number>();
  let lastAcked = 0;
  let polling = true;
  // Each poll visits only the sequences its checkpoint newly covers (a scan of every acked event
  // per poll cost the shared cores more and more CPU as the run went on, and showed up as lag).
  const poller = (async () => {
    let covered = 0;
    while (polling || covered < lastAcked) {
      const checkpoint = (await readCheckpoint(dataSource.manager, projection))?.lastSeq ?? 0;
      const now = performance.now();
      for (let seq = covered + 1; seq <= checkpoint; seq++) appliedAt.set(seq, now);
      covered = Math.max(covered, checkpoint);
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  const started = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < events.length;) {
    const due = Math.floor(((performance.now() - started) / 1000) * rate);
    for (; i < Math.min(due, events.length); i++) {
      pending.push(
        store.append(events[i]!).then((r) => {
          ackedAt.set(r.seq, performance.now());
          lastAcked = Math.max(lastAcked, r.seq);
        }),
      );
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  await Promise.all(pending);
  const publishSeconds = (performance.now() - started) / 1000;
  polling = false;
  await poller;
  const steadyFrom = started + warmupSeconds * 1000;
  const lagOf = (seq: number, at: number) => Math.max(0, (appliedAt.get(seq) ?? at) - at) / 1000;
  const entries = [...ackedAt];
  const lags = entries
    .filter(([, at]) => at >= steadyFrom)
    .map(([seq, at]) => lagOf(seq, at))
    .sort((a, b) => a - b);
  const warmupLags = entries.filter(([, at]) => at < steadyFrom).map(([seq, at]) => lagOf(seq, at));
  const bySecond: number[] = [];
  for (const [seq, at] of entries) {
    const second = Math.floor((at - started) / 1000);
    bySecond[second] = Math.max(bySecond[second] ?? 0, lagOf(seq, at));
  }
  const pct = (p: number) =>
    round(lags[Math.min(lags.length - 1, Math.floor(p * lags.length))] ?? 0);
  return {
    events: events.length,
    rate,
    achieved_rate: Math.round(events.length / publishSeconds),
    lag_p50_s: pct(0.5),
    lag_p99_s: pct(0.99),
    lag_max_s: round(lags.at(-1) ?? 0),
    warmup_s: warmupSeconds,
    warmup_lag_max_s: round(Math.max(0, ...warmupLags)),
    lag_max_by_second_s: Array.from(bySecond, (lag) => Math.round((lag ?? 0) * 100) / 100),
  };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/**
 * Makes the person keys of everyone the events name before the clock starts (the projector gets
 * them by its watch of the key bucket), then lets the projector settle.
 */
export async function knowPeople(store: EventStore, events: readonly NewEvent[]): Promise<void> {
  const people = [
    ...new Set(
      events.flatMap((e) => {
        const { personal, personalOwners } = definitionOf(e.type);
        return personsIn(e, personal, personalOwners);
      }),
    ),
  ];
  for (let i = 0; i < people.length; i += 256)
    await Promise.all(people.slice(i, i + 256).map((id) => store.personKeys.keyFor(id)));
  await new Promise((resolve) => setTimeout(resolve, 2000));
}
