import { newEvent, type NewEvent } from '@kd/events';
import { CommandHandler, EventStore, defaultSnapshotEvery } from '@kd/event-store';
import { meetingAggregate } from '@kd/meetings';
import { benchEnvironment, benchArgs, logger, pipelined } from './support/bench-env.js';
import { realisticEvents } from './support/realistic-events.js';

/**
 * `npm run bench:aggregate`: time to load one meeting aggregate with 10, 1,000 and 10,000 events,
 * in a stream that also holds `--noise` other events; `--loads` loads per size, p50 / p99 / max.
 * Three ways: `full` (`EventStore.readAggregate`: read every event on its subject, decode and
 * validate each), `snapshot` (`CommandHandler.load` of the meeting model: its snapshot in
 * `<stream>_SNAPSHOTS` and the events after it, here none) and `snapshot+99` (the snapshot then
 * 99 newer events, the most a load folds before the next snapshot is written). Under 100 events
 * no snapshot is written, so those loads are full folds.
 */
const { loads, noise } = benchArgs(
  'aggregate',
  'Load time of one meeting aggregate with 10, 1,000 and 10,000 events (p50 / p99 / max over --loads); BENCHMARKS.md.',
  { loads: 50, noise: 20_000 },
).args;
const sizes = [10, 1_000, 10_000];
const env = await benchEnvironment();
try {
  const store = new EventStore({ nats: env.nats, ...env.streams.ours });
  const others = realisticEvents(noise);
  await pipelined(others.length, 256, (i) => store.append(others[i]!));
  for (const size of sizes) {
    const history = meetingHistory(`agg-${size}`, size);
    await pipelined(history.length, 64, (i) => store.append(history[i]!));
  }
  const results: Record<string, number> = {};
  const handler = new CommandHandler({ store, logger });
  const report = (kind: string, size: number, times: number[]) => {
    const [p50, p99, max] = [pct(times, 0.5), pct(times, 0.99), Math.max(...times)];
    console.log(
      `${kind.padEnd(11)} ${String(size).padStart(6)} events: p50 ${p50} ms, p99 ${p99} ms, max ${round(max)} ms (${times.length} loads)`,
    );
    const suffix = kind === 'full' ? '' : `_${kind.replace('+', '_plus_')}`;
    Object.assign(results, {
      [`p50_ms_${size}${suffix}`]: p50,
      [`p99_ms_${size}${suffix}`]: p99,
    });
  };
  const timed = async (count: number, load: () => Promise<number>, expected: number) => {
    const times: number[] = [];
    for (let i = 0; i < count + 2; i++) {
      const t0 = performance.now();
      const lastSeq = await load();
      const ms = performance.now() - t0;
      if (lastSeq !== expected) throw new Error(`loaded up to ${lastSeq}, expected ${expected}`);
      if (i >= 2) times.push(ms); // two warm-up loads
    }
    return times;
  };
  for (const size of sizes) {
    const id = `agg-${size}`;
    const count = size >= 10_000 ? Math.max(10, Math.floor(loads / 2)) : loads;
    const lastSeq = (await store.readAggregate('meeting', id)).at(-1)!.seq;
    const full = await timed(
      count,
      async () => {
        const events = await store.readAggregate('meeting', id);
        if (events.length !== size)
          throw new Error(`read ${events.length} events, expected ${size}`);
        return events.at(-1)!.seq;
      },
      lastSeq,
    );
    report('full', size, full);
    const loadMeeting = async () => (await handler.load(meetingAggregate, id)).lastSeq;
    await loadMeeting(); // folds in full and writes the snapshot (at 100 events or more)
    await handler.snapshotsWritten();
    report('snapshot', size, await timed(count, loadMeeting, lastSeq));
  }
  // The same aggregates with 99 events newer than their snapshot.
  for (const size of sizes) {
    const id = `agg-${size}`;
    const count = size >= 10_000 ? Math.max(10, Math.floor(loads / 2)) : loads;
    const tail = meetingHistory(id, defaultSnapshotEvery).slice(1);
    for (const event of tail) await store.append(event);
    const lastSeq = await store.lastSeqOf('meeting', id);
    const stale = new CommandHandler({ store, logger, snapshotEvery: Number.MAX_SAFE_INTEGER });
    const load = async () => (await stale.load(meetingAggregate, id)).lastSeq;
    report('snapshot+99', size, await timed(count, load, lastSeq));
  }
  console.log(JSON.stringify({ bench: 'aggregate', loads, noise, ...results }));
} finally {
  await env.dispose();
}

function meetingHistory(meetingId: string, size: number): NewEvent[] {
  const context = {
    actor: { kind: 'user' as const, id: '100000000000010001' },
    correlationId: `agg-${meetingId}`,
    guildId: '100000000000000001',
  };
  const events: NewEvent[] = [
    newEvent(
      'meeting.created',
      {
        meetingId,
        kalturaResourceId: '40001',
        type: 'meeting',
        title: 'Long meeting',
        ownerUserId: '100000000000010001',
        description: null,
      },
      context,
    ),
  ];
  for (let i = 1; i < size; i++)
    events.push(
      newEvent(
        'meeting.join_link_issued',
        { meetingId, userId: String(100000000000020000n + BigInt(i)), kalturaRole: 'viewerRole' },
        context,
      ),
    );
  return events;
}

function pct(xs: readonly number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return round(sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? 0);
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}
