import { newEvent, type NewEvent } from '@kd/events';
import {
  CommandHandler,
  EventStore,
  defaultSnapshotEvery,
  type AggregateModel,
} from '@kd/event-store';
import { meetingAggregate, type MeetingState } from '@kd/meetings';
import { benchEnvironment, benchArgs, logger, pipelined } from './support/bench-env.js';
import { realisticEvents } from './support/realistic-events.js';

/**
 * `npm run bench:aggregate`: time to load one meeting aggregate with 10, 1,000 and 10,000 events,
 * in a stream that also holds `--noise` other events; `--loads` loads per size, p50 / p99 / max.
 * `full` (`EventStore.readAggregate`: read every event on its subject, decode and validate each);
 * `snapshot` (`CommandHandler.load` of the meeting model: its snapshot in `<stream>_SNAPSHOTS`,
 * no events after it); `snapshot+N` (the snapshot then `--tail` N newer events appended one
 * after another; default `snapshotEvery - 1` = 49, the most a load folds before the next snapshot
 * is written) and `snapshot+Ns` (a fresh snapshot then N newer events each followed by `--gap`
 * other events: the realistic worst case, the tail scattered through the stream). Every size has
 * a snapshot as of its last event before the `snapshot` loads (written for the bench).
 * `--compare` also times, alternating with the default in the same loop, `seq` (one direct get
 * after the other, `readParallelism` 1), `evolve` (the model folded one `evolve` at a time, each
 * copying the collection it changes) and `old` (both: how loads worked before).
 */
const { args, flags } = benchArgs(
  'aggregate',
  'Load time of one meeting aggregate with 10, 1,000 and 10,000 events (p50 / p99 / max over --loads); BENCHMARKS.md.',
  { loads: 50, noise: 20_000, gap: 10, tail: defaultSnapshotEvery - 1 },
  { compare: 'also time the previous read (one get at a time) and fold (a copy per event)' },
);
const { loads, noise, gap, tail: tailLength } = args;
const sizes = [10, 1_000, 10_000];
const env = await benchEnvironment();
try {
  const store = new EventStore({ nats: env.nats, ...env.streams.ours });
  const oneByOne = new EventStore({ nats: env.nats, ...env.streams.ours, readParallelism: 1 });
  const others = realisticEvents(noise + sizes.length * tailLength * gap);
  await pipelined(noise, 256, (i) => store.append(others[i]!));
  let nextOther = noise;
  for (const size of sizes) {
    const history = meetingHistory(`agg-${size}`, 0, size);
    await pipelined(history.length, 64, (i) => store.append(history[i]!));
  }
  const results: Record<string, number> = {};
  const report = (kind: string, key: string, size: number, times: number[]) => {
    const [p50, p99, max] = [pct(times, 0.5), pct(times, 0.99), Math.max(...times)];
    console.log(
      `${kind.padEnd(18)} ${String(size).padStart(6)} events: p50 ${p50} ms, p99 ${p99} ms, max ${round(max)} ms (${times.length} loads)`,
    );
    Object.assign(results, { [`p50_ms_${size}${key}`]: p50, [`p99_ms_${size}${key}`]: p99 });
  };
  /** Each variant once per round, in turn (same load on the machine for all); two warm-ups. */
  const timed = async (
    count: number,
    variants: Record<string, () => Promise<number>>,
    expected: number,
  ) => {
    const times: Record<string, number[]> = {};
    for (let i = 0; i < count + 2; i++)
      for (const [name, load] of Object.entries(variants)) {
        const t0 = performance.now();
        const lastSeq = await load();
        const ms = performance.now() - t0;
        if (lastSeq !== expected) throw new Error(`${name} loaded to ${lastSeq}, not ${expected}`);
        if (i >= 2) (times[name] ??= []).push(ms);
      }
    return times;
  };
  const countFor = (size: number) => (size >= 10_000 ? Math.max(10, Math.floor(loads / 2)) : loads);
  /** The meeting model without `fold`: one `evolve` per event, as loads folded before. */
  const perEvent: AggregateModel<MeetingState> = {
    aggregate: meetingAggregate.aggregate,
    initial: meetingAggregate.initial,
    evolve: (state, event, seq) => meetingAggregate.evolve(state, event, seq),
    snapshot: meetingAggregate.snapshot!,
  };
  const models: Record<string, [EventStore, AggregateModel<MeetingState>]> = {
    '': [store, meetingAggregate],
    ...(flags.compare && {
      seq: [oneByOne, meetingAggregate],
      evolve: [store, perEvent],
      old: [oneByOne, perEvent],
    }),
  };
  /** Loads through each variant, none writing snapshots (the tail must stay a tail). */
  const loaders = (id: string) =>
    Object.fromEntries(
      Object.entries(models).map(([name, [s, model]]) => {
        const handler = new CommandHandler({
          store: s,
          logger,
          snapshots: store.snapshots,
          snapshotEvery: Number.MAX_SAFE_INTEGER,
        });
        return [name, async () => (await handler.load(model, id)).lastSeq];
      }),
    );
  const reportAll = (kind: string, key: string, size: number, times: Record<string, number[]>) => {
    for (const [name, t] of Object.entries(times))
      report(name ? `${kind}/${name}` : kind, name ? `${key}_${name}` : key, size, t);
  };

  for (const size of sizes) {
    const id = `agg-${size}`;
    const lastSeq = await store.lastSeqOf('meeting', id);
    const fullReads = Object.fromEntries(
      Object.entries({ '': store, ...(flags.compare && { seq: oneByOne }) }).map(([name, s]) => [
        name,
        async () => {
          const events = await s.readAggregate('meeting', id);
          if (events.length !== size) throw new Error(`read ${events.length}, expected ${size}`);
          return events.at(-1)!.seq;
        },
      ]),
    );
    reportAll('full', '', size, await timed(countFor(size), fullReads, lastSeq));
    await writeSnapshot(id);
    const snapshot = await store.snapshots.get('meeting', id);
    if (snapshot) results[`snapshot_kb_${size}`] = round(JSON.stringify(snapshot).length / 1024);
    reportAll('snapshot', '_snapshot', size, await timed(countFor(size), loaders(id), lastSeq));
    if (flags.compare && snapshot) compareEncodings(size, snapshot.state);
  }
  // The same aggregates with `tail` events newer than their snapshot, one after another.
  for (const size of sizes) {
    const id = `agg-${size}`;
    const tail = meetingHistory(id, size, tailLength);
    for (const event of tail) await store.append(event);
    const lastSeq = await store.lastSeqOf('meeting', id);
    const times = await timed(countFor(size), loaders(id), lastSeq);
    reportAll(`snapshot+${tailLength}`, `_snapshot_plus_${tailLength}`, size, times);
  }
  // A fresh snapshot, then `tail` newer events scattered: each followed by `gap` other events.
  for (const size of sizes) {
    const id = `agg-${size}`;
    await writeSnapshot(id);
    const tail = meetingHistory(id, size + tailLength, tailLength);
    for (const event of tail) {
      await store.append(event);
      const from = nextOther;
      nextOther += gap;
      await pipelined(gap, 64, (i) => store.append(others[from + i]!));
    }
    const lastSeq = await store.lastSeqOf('meeting', id);
    const times = await timed(countFor(size), loaders(id), lastSeq);
    reportAll(`snapshot+${tailLength}s`, `_snapshot_plus_${tailLength}_scattered`, size, times);
  }
  console.log(
    JSON.stringify({ bench: 'aggregate', loads, noise, gap, tail: tailLength, ...results }),
  );

  /**
   * The snapshot's text and decoding (`JSON.parse` + `fromJson`) as stored now (version 3) and as
   * version 2 stored the same state (every Set and the Map as arrays: each recipient's id twice,
   * and its role beside it), alternating, CPU only.
   */
  function compareEncodings(size: number, json: unknown): void {
    const codec = meetingAggregate.snapshot!;
    const state = codec.fromJson(json);
    if (state.status === 'none') return;
    const v3 = JSON.stringify(json);
    const v2 = JSON.stringify({
      ...state,
      participants: [...state.participants],
      linkRoles: [...state.linkRoles],
      present: [...state.present],
      causations: [...state.causations],
      rsvps: [...state.rsvps],
    });
    const fromV2 = (text: string) => {
      const s = JSON.parse(text) as Record<string, unknown>;
      return {
        ...s,
        participants: new Set(s.participants as string[]),
        linkRoles: new Map(s.linkRoles as [string, string][]),
        present: new Set(s.present as string[]),
        causations: new Set(s.causations as string[]),
        rsvps: new Set(s.rsvps as string[]),
      };
    };
    const times: Record<'v2' | 'v3', number[]> = { v2: [], v3: [] };
    for (let i = 0; i < countFor(size) + 2; i++) {
      let t0 = performance.now();
      codec.fromJson(JSON.parse(v3));
      const v3ms = performance.now() - t0;
      t0 = performance.now();
      fromV2(v2);
      const v2ms = performance.now() - t0;
      if (i < 2) continue;
      times.v3.push(v3ms);
      times.v2.push(v2ms);
    }
    for (const [name, t] of Object.entries(times)) {
      const kb = round((name === 'v2' ? v2 : v3).length / 1024);
      console.log(
        `decode ${name} ${String(size).padStart(6)} events: ${kb} KB, p50 ${pct(t, 0.5)} ms, p99 ${pct(t, 0.99)} ms`,
      );
      Object.assign(results, {
        [`decode_kb_${size}_${name}`]: kb,
        [`decode_p50_ms_${size}_${name}`]: pct(t, 0.5),
        [`decode_p99_ms_${size}_${name}`]: pct(t, 0.99),
      });
    }
  }

  /** Folds the aggregate and writes its snapshot as of its last event. */
  async function writeSnapshot(id: string): Promise<void> {
    const writer = new CommandHandler({ store, logger, snapshotEvery: 1 });
    await writer.load(meetingAggregate, id);
    await writer.snapshotsWritten();
  }
} finally {
  await env.dispose();
}

/** `meeting.created` (when `from` is 0) then join links for `count` distinct members. */
function meetingHistory(meetingId: string, from: number, count: number): NewEvent[] {
  const context = {
    actor: { kind: 'user' as const, id: '100000000000010001' },
    correlationId: `agg-${meetingId}`,
    guildId: '100000000000000001',
  };
  const events: NewEvent[] = [];
  for (let i = from; i < from + count; i++)
    events.push(
      i === 0
        ? newEvent(
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
          )
        : newEvent(
            'meeting.join_link_issued',
            {
              meetingId,
              userId: String(100000000000020000n + BigInt(i)),
              kalturaRole: 'viewerRole',
            },
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
