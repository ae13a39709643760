import type { DataSource } from 'typeorm';
import type { EventStore } from '@kd/event-store';
import type { NewEvent } from '@kd/events';
import { readCheckpoint } from '@kd/projections';

export interface LagResult {
  events: number;
  rate: number;
  achieved_rate: number;
  lag_p50_s: number;
  lag_p99_s: number;
  lag_max_s: number;
}

/**
 * Publishes `events` at a steady `rate` (in 10 ms ticks) while a projector applies them, and
 * measures each event's lag: from its append being acknowledged to the first checkpoint poll
 * (every 10 ms) that covers it. Percentiles over all events.
 */
export async function measureProjectionLag(
  store: EventStore,
  dataSource: DataSource,
  projection: string,
  events: NewEvent[],
  rate: number,
): Promise<LagResult> {
  const ackedAt = new Map<number, number>();
  const appliedAt = new Map<number, number>();
  let polling = true;
  const poller = (async () => {
    let covered = 0;
    while (polling || covered < maxSeq(ackedAt)) {
      const checkpoint = (await readCheckpoint(dataSource.manager, projection))?.lastSeq ?? 0;
      const now = performance.now();
      for (const seq of ackedAt.keys())
        if (seq <= checkpoint && !appliedAt.has(seq)) appliedAt.set(seq, now);
      covered = checkpoint;
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  const started = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < events.length;) {
    const due = Math.floor(((performance.now() - started) / 1000) * rate);
    for (; i < Math.min(due, events.length); i++) {
      pending.push(
        store.append(events[i]!).then((r) => void ackedAt.set(r.seq, performance.now())),
      );
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  await Promise.all(pending);
  const publishSeconds = (performance.now() - started) / 1000;
  polling = false;
  await poller;
  const lags = [...ackedAt]
    .map(([seq, at]) => Math.max(0, (appliedAt.get(seq) ?? at) - at) / 1000)
    .sort((a, b) => a - b);
  const pct = (p: number) =>
    round(lags[Math.min(lags.length - 1, Math.floor(p * lags.length))] ?? 0);
  return {
    events: events.length,
    rate,
    achieved_rate: Math.round(events.length / publishSeconds),
    lag_p50_s: pct(0.5),
    lag_p99_s: pct(0.99),
    lag_max_s: round(lags.at(-1) ?? 0),
  };
}

function maxSeq(map: Map<number, number>): number {
  let max = 0;
  for (const seq of map.keys()) max = Math.max(max, seq);
  return max;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
