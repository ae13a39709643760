import { spawn, type ChildProcess } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { EventStore, ensureStream } from '@kd/event-store';
import {
  createDataSource,
  projectionDurable,
  readCheckpoint,
  runMigrations,
} from '@kd/projections';
import { migrations, projections } from '@kd/read-models';
import { deleteStreamWithBuckets } from '@kd/testing';
import { benchArgs, benchEnvironment, pipelined, rate } from './support/bench-env.js';
import { realisticEvents } from './support/realistic-events.js';

/**
 * `npm run bench:scaling -- --events N`: events/s of the projections with one projector process
 * running all of them, two processes with disjoint projection sets (split by the per-projection
 * cost measured in the same run), and two processes with the same set (one active, one standing
 * by on the lease). Catch-up from a full stream (projectors started after publishing; each
 * projection timed from its own consumer subscribing, so process start-up is left out) and live
 * (projectors running while the bench publishes, timed from the first append), until every
 * projection's checkpoint reaches the head. Each phase has a
 * database of its own (a copy of one migrated template); each live phase a stream of its own.
 * docs/scaling.md explains the figures.
 */
const {
  args: { events: n, window, batch },
} = benchArgs(
  'scaling',
  'Catch-up and live events/s until every projection reaches the head: each projection alone, one projector with all, two with disjoint sets, two with the same set (standby); docs/scaling.md.',
  { events: 50_000, window: 256, batch: 1000 },
);

const names = projections.map((p) => p.name);
const adminUrl = process.env.KD_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const env = await benchEnvironment();
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
const template = `kd_bench_${env.id}_tpl`;
const databases: string[] = [];
const liveStreams: string[] = [];
const children = new Set<ChildProcess>();
const loadAtStart = loadavg().map(round);

try {
  await createTemplate();
  const events = realisticEvents(n);
  const full = env.streams.ours;
  const store = new EventStore({ nats: env.nats, ...full });
  const t0 = performance.now();
  await pipelined(n, window, (i) => store.append(events[i]!), 'publish');
  const publishPerS = rate(n, performance.now() - t0);
  const head = (await env.nats.jsm.streams.info(full.stream)).state.last_seq;
  console.log(`publish (our append, window ${window}):  ${publishPerS} events/s, head ${head}`);

  console.log(`\ncatch-up of ${head} events (projectors started after publishing):`);
  const alone: Record<string, number> = {};
  for (const name of names) {
    const result = await catchUpPhase(`alone ${name}`, [[name]], full, head);
    alone[name] = result.perS;
  }
  const [left, right] = bestSplit(alone);
  const one = await catchUpPhase('one projector, all', [names], full, head);
  const two = await catchUpPhase(
    `two projectors, ${left.join('+')} | ${right.join('+')}`,
    [left, right],
    full,
    head,
  );
  const standby = await catchUpPhase(
    'two projectors, same set (lease)',
    [names, names],
    full,
    head,
  );

  console.log(`\nlive: projectors running while the bench publishes ${n} events:`);
  const liveOne = await livePhase('one projector, all', [names], events, 1);
  const liveTwo = await livePhase(
    `two projectors, ${left.join('+')} | ${right.join('+')}`,
    [left, right],
    events,
    2,
  );
  console.log(
    '\nguild partitions: not measured; the code has none (one durable consumer and one checkpoint per projection, subjects carry no guild).',
  );
  const result = {
    bench: 'scaling',
    events: n,
    publish_per_s: publishPerS,
    alone_per_s: alone,
    predicted_one_per_s: Math.round(1 / sumCost(names, alone)),
    split: [left.join('+'), right.join('+')],
    predicted_two_per_s: Math.round(1 / Math.max(sumCost(left, alone), sumCost(right, alone))),
    catchup_one_per_s: one.perS,
    catchup_two_per_s: two.perS,
    catchup_one_wall_per_s: one.wallPerS,
    catchup_two_wall_per_s: two.wallPerS,
    ratio_catchup_two_vs_one: round(two.perS / one.perS),
    catchup_standby_per_s: standby.perS,
    live_one_per_s: liveOne.e2ePerS,
    live_one_publish_per_s: liveOne.publishPerS,
    live_two_per_s: liveTwo.e2ePerS,
    live_two_publish_per_s: liveTwo.publishPerS,
    ratio_live_two_vs_one: round(liveTwo.e2ePerS / liveOne.e2ePerS),
    partitions: 'unsupported',
    window,
    batch,
    load_start: loadAtStart,
    load_end: loadavg().map(round),
  };
  console.log(JSON.stringify(result));
} finally {
  for (const child of children) child.kill('SIGKILL');
  for (const stream of liveStreams) await deleteStreamWithBuckets(env.nats.jsm, stream);
  for (const database of [...databases, template])
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.end();
  await env.dispose();
}

interface Phase {
  /** `head` over the longest time one projection took from its own consumer subscribing. */
  perS: number;
  /** `head` over the time from the first consumer subscribing to the last checkpoint at head. */
  wallPerS: number;
  /** Spawn → first consumer subscribed (process start, connections, lease, runner prepare). */
  startupMs: number;
  /** Per projection: ms from its consumer subscribing until its checkpoint reached the head. */
  tookMs: Record<string, number>;
}

/**
 * The stream is full: start the projectors and time each projection from its own consumer
 * subscribing (processes start a second or more apart on a loaded machine) to its checkpoint
 * reaching the head.
 */
async function catchUpPhase(
  label: string,
  sets: string[][],
  stream: { stream: string; subjectPrefix: string },
  head: number,
): Promise<Phase> {
  const db = await freshDatabase();
  const spawnedAt = performance.now();
  const procs = sets.map((set) => startProjector(db.url, stream, set, batch));
  try {
    const wanted = [...new Set(sets.flat())];
    const subscribed: Record<string, number> = {};
    const reached: Record<string, number> = {};
    while (Object.keys(reached).length < wanted.length) {
      assertRunning(procs);
      for (const name of wanted) {
        if (subscribed[name] === undefined) {
          const found = await env.nats.jsm.consumers
            .info(stream.stream, projectionDurable(name))
            .catch(() => null);
          if (found) subscribed[name] = performance.now();
        } else if (reached[name] === undefined) {
          const checkpoint = await readCheckpoint(db.dataSource.manager, name);
          if (checkpoint && checkpoint.lastSeq >= head) reached[name] = performance.now();
        }
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    const tookMs = Object.fromEntries(
      wanted.map((name) => [name, Math.round(reached[name]! - subscribed[name]!)]),
    );
    const first = Math.min(...Object.values(subscribed));
    const phase = {
      perS: rate(head, Math.max(...Object.values(tookMs))),
      wallPerS: rate(head, Math.max(...Object.values(reached)) - first),
      startupMs: Math.round(first - spawnedAt),
      tookMs,
    };
    const each = Object.entries(tookMs)
      .map(([name, ms]) => `${name} ${(ms / 1000).toFixed(1)} s`)
      .join(', ');
    console.log(
      `  ${label.padEnd(58)} ${String(phase.perS).padStart(6)} events/s  (first consumer → last at head: ${phase.wallPerS}/s; startup ${(phase.startupMs / 1000).toFixed(1)} s; ${each})`,
    );
    return phase;
  } finally {
    await stopAll(procs);
    await deleteDurables(stream.stream);
    await db.dispose();
  }
}

/** Fresh stream and database: projectors subscribed first, then the bench publishes. */
async function livePhase(
  label: string,
  sets: string[][],
  events: ReturnType<typeof realisticEvents>,
  index: number,
): Promise<{ publishPerS: number; e2ePerS: number }> {
  const stream = {
    stream: `${env.streams.ours.stream}_LIVE${index}`,
    subjectPrefix: `${env.streams.ours.subjectPrefix}live${index}`,
  };
  await ensureStream(env.nats.jsm, stream);
  liveStreams.push(stream.stream);
  const db = await freshDatabase();
  const procs = sets.map((set) => startProjector(db.url, stream, set, batch));
  try {
    const wanted = [...new Set(sets.flat())];
    await waitForConsumers(stream.stream, wanted, procs);
    const store = new EventStore({ nats: env.nats, ...stream });
    const t0 = performance.now();
    await pipelined(events.length, window, (i) => store.append(events[i]!));
    const publishMs = performance.now() - t0;
    const head = (await env.nats.jsm.streams.info(stream.stream)).state.last_seq;
    const reachedMs = await waitForHead(db.dataSource, wanted, head, t0, procs);
    const totalMs = Math.max(...Object.values(reachedMs));
    const publishPerS = rate(head, publishMs);
    const e2ePerS = rate(head, totalMs);
    const after = Math.round(totalMs - publishMs);
    console.log(
      `  ${label.padEnd(58)} ${String(e2ePerS).padStart(6)} events/s  (publish ${publishPerS}/s; last checkpoint ${after} ms after the last append)`,
    );
    return { publishPerS, e2ePerS };
  } finally {
    await stopAll(procs);
    await deleteDurables(stream.stream);
    await db.dispose();
  }
}

/**
 * The two-way split of the projections that minimises the larger side's cost, the cost of a
 * projection being 1 / (its rate alone): the split a measurement suggests, not a guess.
 */
function bestSplit(alone: Record<string, number>): [string[], string[]] {
  let best: [string[], string[]] = [names, []];
  let bestCost = Number.POSITIVE_INFINITY;
  // Masks with the first projection on the left: each split once, neither side empty.
  for (let mask = 1; mask < 1 << (names.length - 1); mask++) {
    const left = names.filter((_, i) => i === 0 || (mask & (1 << (i - 1))) === 0);
    const right = names.filter((name) => !left.includes(name));
    if (right.length === 0) continue;
    const cost = Math.max(sumCost(left, alone), sumCost(right, alone));
    if (cost < bestCost) [best, bestCost] = [[left, right], cost];
  }
  return best;
}

function sumCost(set: readonly string[], alone: Record<string, number>): number {
  return set.reduce((sum, name) => sum + 1 / (alone[name] ?? Number.POSITIVE_INFINITY), 0);
}

async function createTemplate(): Promise<void> {
  await admin.query(`CREATE DATABASE ${template}`);
  const source = createDataSource({
    url: urlOf(template),
    applicationName: 'kd-bench',
    migrations,
  });
  await source.initialize();
  await runMigrations(source);
  await source.destroy();
}

/** A copy of the migrated template (fast: no migrations per phase). */
async function freshDatabase(): Promise<{
  url: string;
  dataSource: DataSource;
  dispose(): Promise<void>;
}> {
  const name = `kd_bench_${env.id}_${databases.length}`;
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  databases.push(name);
  const url = urlOf(name);
  const dataSource = createDataSource({ url, applicationName: 'kd-bench', migrations });
  await dataSource.initialize();
  return {
    url,
    dataSource,
    async dispose() {
      await dataSource.destroy();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

function urlOf(database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

function startProjector(
  databaseUrl: string,
  stream: { stream: string; subjectPrefix: string },
  set: readonly string[],
  batchSize: number,
): ChildProcess {
  const entry = fileURLToPath(new URL('../apps/projector/src/main.js', import.meta.url));
  const child = spawn(process.execPath, [entry], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      NATS_URL: env.natsUrl,
      KD_STREAM: stream.stream,
      KD_SUBJECT_PREFIX: stream.subjectPrefix,
      PROJECTIONS: set.join(','),
      HTTP_PORT: '0',
      LOG_LEVEL: 'warn',
      PROJECTION_BATCH_SIZE: String(batchSize),
    },
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** Fails when a projector exits before the bench stops it. */
function assertRunning(procs: readonly ChildProcess[]): void {
  const dead = procs.find((p) => p.exitCode !== null || p.signalCode !== null);
  if (dead) throw new Error(`a projector exited early (${dead.exitCode ?? dead.signalCode})`);
}

async function waitForConsumers(
  stream: string,
  wanted: readonly string[],
  procs: readonly ChildProcess[],
): Promise<void> {
  for (;;) {
    assertRunning(procs);
    const found = await Promise.all(
      wanted.map((name) =>
        env.nats.jsm.consumers
          .info(stream, projectionDurable(name))
          .then(() => true)
          .catch(() => false),
      ),
    );
    if (found.every(Boolean)) return;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Polls every checkpoint every 20 ms; ms from `t0` at which each reached `head`. */
async function waitForHead(
  dataSource: DataSource,
  wanted: readonly string[],
  head: number,
  t0: number,
  procs: readonly ChildProcess[],
): Promise<Record<string, number>> {
  const reached: Record<string, number> = {};
  while (Object.keys(reached).length < wanted.length) {
    assertRunning(procs);
    for (const name of wanted) {
      if (reached[name] !== undefined) continue;
      const checkpoint = await readCheckpoint(dataSource.manager, name);
      if (checkpoint && checkpoint.lastSeq >= head)
        reached[name] = Math.round(performance.now() - t0);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  return reached;
}

async function stopAll(procs: readonly ChildProcess[]): Promise<void> {
  await Promise.all(
    procs.map(async (child) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }),
  );
}

async function deleteDurables(stream: string): Promise<void> {
  for (const name of names)
    await env.nats.jsm.consumers.delete(stream, projectionDurable(name)).catch(() => false);
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
