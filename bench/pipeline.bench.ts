import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { AckPolicy, DeliverPolicy } from '@nats-io/jetstream';
import { installPersonKeyring, prepareForAppend } from '@kd/events';
import { EventStore, PersonKeys, subjectOf } from '@kd/event-store';
import { eventLogProjection } from '@kd/event-log';
import { ProjectionRunner, catchUp, readCheckpoint } from '@kd/projections';
import { benchEnvironment, logger, benchArgs, pipelined, rate } from './support/bench-env.js';
import { pgCopyLimitPerS } from './support/pg-copy-limit.js';
import { ProcessCpu, type CpuPerEvent } from './support/process-cpu.js';
import { realisticEvents } from './support/realistic-events.js';

/**
 * `npm run bench:pipeline -- --events N`: our publish → projector → analytics.event_log against
 * the raw limits of the same services in the same run (DESIGN §8), and the rebuild against
 * PostgreSQL's own COPY limit for the same rows (`ratio_rebuild_vs_storage`). On Linux, each
 * phase also reports the CPU it cost per event in each process (`cpu_us_per_event`) and the rate
 * the machine's cores would allow at that cost (`cpu_bound_per_s`).
 */
const {
  args: { events: n, window, batch },
} = benchArgs(
  'pipeline',
  'Raw JetStream vs our append and projection of --events events (--window in flight, --batch per transaction), rebuild and the COPY limit; BENCHMARKS.md.',
  { events: 100_000, window: 256, batch: 1000 },
);
const env = await benchEnvironment();
const encoder = new TextEncoder();
const cpu = new ProcessCpu();
const cpuPerEvent: Record<string, CpuPerEvent> = {};
const cores = availableParallelism();
try {
  const events = realisticEvents(n);
  const prepared = events.map((e) => prepareForAppend(e, new Date()));
  const rawBytes = prepared.map((e) => encoder.encode(JSON.stringify(e)));

  const rawSubjects = prepared.map((e) => subjectOf(env.streams.raw.subjectPrefix, e));
  let t0 = performance.now();
  let phase = cpu.start();
  await pipelined(
    n,
    window,
    (i) => env.nats.js.publish(rawSubjects[i] ?? '', rawBytes[i]),
    'raw publish',
  );
  const rawPublishPerS = rate(n, performance.now() - t0);
  if (phase) cpuPerEvent.raw_publish = phase(n);
  console.log(`raw JetStream publish:        ${rawPublishPerS} msgs/s`);

  t0 = performance.now();
  phase = cpu.start();
  await rawConsume(env.streams.raw.stream, n, 1, 'raw_each');
  const rawConsumePerS = rate(n, performance.now() - t0);
  if (phase) cpuPerEvent.raw_consume = phase(n);
  console.log(`raw JetStream consume, ack each message:    ${rawConsumePerS} msgs/s`);
  t0 = performance.now();
  await rawConsume(env.streams.raw.stream, n, batch, 'raw_all');
  const rawConsumeAckAllPerS = rate(n, performance.now() - t0);
  console.log(`raw JetStream consume, ack all per ${batch}: ${rawConsumeAckAllPerS} msgs/s`);

  const store = new EventStore({ nats: env.nats, ...env.streams.ours });
  const projector = startProjector(batch);
  cpu.projectorPid = projector.pid;
  await waitForConsumer('proj_event_log');
  t0 = performance.now();
  phase = cpu.start();
  await pipelined(n, window, (i) => store.append(events[i]!), 'append');
  const publishMs = performance.now() - t0;
  await waitForCheckpoint(n, 0);
  const e2eMs = performance.now() - t0;
  if (phase) cpuPerEvent.e2e = phase(n);
  projector.kill('SIGTERM');
  cpu.projectorPid = undefined;
  const e2ePerS = rate(n, e2eMs);
  const publishPerS = rate(n, publishMs);
  console.log(`our publish (validated, idempotent): ${publishPerS} events/s`);
  console.log(`end to end, published → applied:     ${e2ePerS} events/s`);

  // A rebuild runs in a process of its own (projections:rebuild): no person key in memory yet.
  installPersonKeyring(new PersonKeys({ nats: env.nats, stream: env.streams.ours.stream }));
  const runner = new ProjectionRunner(eventLogProjection, env.dataSource, logger);
  await runner.prepare({ forceRebuild: true });
  t0 = performance.now();
  phase = cpu.start();
  await catchUp(runner, {
    nats: env.nats,
    ...env.streams.ours,
    logger,
    batchSize: batch,
    maxWaitMs: 50,
    durable: 'bench_rebuild',
  });
  const rebuildPerS = rate(n, performance.now() - t0);
  if (phase) cpuPerEvent.rebuild = phase(n);
  console.log(`rebuild from sequence 1:             ${rebuildPerS} events/s`);

  const copyLimitPerS = await pgCopyLimitPerS(env.dataSource, prepared, batch);
  console.log(`PostgreSQL COPY limit, same rows:    ${copyLimitPerS} rows/s`);

  const result = {
    bench: 'pipeline',
    events: n,
    e2e_per_s: e2ePerS,
    raw_publish_per_s: rawPublishPerS,
    ratio_e2e: round(e2ePerS / rawPublishPerS),
    rebuild_per_s: rebuildPerS,
    raw_consume_per_s: rawConsumePerS,
    ratio_rebuild: round(rebuildPerS / rawConsumePerS),
    raw_consume_ackall_per_s: rawConsumeAckAllPerS,
    ratio_rebuild_vs_ackall: round(rebuildPerS / rawConsumeAckAllPerS),
    publish_per_s: publishPerS,
    pg_copy_limit_per_s: copyLimitPerS,
    ratio_rebuild_vs_storage: round(rebuildPerS / copyLimitPerS),
    window,
    batch,
    ...(Object.keys(cpuPerEvent).length > 0
      ? {
          cores,
          cpu_us_per_event: cpuPerEvent,
          cpu_bound_per_s: Object.fromEntries(
            Object.entries(cpuPerEvent).map(([name, c]) => [name, rate(cores, c.total / 1000)]),
          ),
        }
      : {}),
  };
  for (const [name, c] of Object.entries(cpuPerEvent))
    console.log(`CPU µs per event, ${name.padEnd(12)} ${JSON.stringify(c)}`);
  console.log(JSON.stringify(result));
} finally {
  await env.dispose();
}

function startProjector(batchSize: number) {
  const entry = fileURLToPath(new URL('../apps/projector/src/main.js', import.meta.url));
  return spawn(process.execPath, [entry], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      DATABASE_URL: env.databaseUrl,
      NATS_URL: env.natsUrl,
      KD_STREAM: env.streams.ours.stream,
      KD_SUBJECT_PREFIX: env.streams.ours.subjectPrefix,
      // The figures are for analytics.event_log, as DESIGN §8 defines the pipeline target.
      PROJECTIONS: 'event_log',
      HTTP_PORT: '0',
      LOG_LEVEL: 'warn',
      PROJECTION_BATCH_SIZE: String(batchSize),
    },
  });
}

async function waitForConsumer(durable: string): Promise<void> {
  for (;;) {
    const found = await env.nats.jsm.consumers
      .info(env.streams.ours.stream, durable)
      .catch(() => null);
    if (found) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function waitForCheckpoint(seq: number, pollMs: number): Promise<void> {
  for (;;) {
    const checkpoint = await readCheckpoint(env.dataSource.manager, eventLogProjection.name);
    if (checkpoint && checkpoint.lastSeq >= seq) return;
    await new Promise((r) => setTimeout(r, pollMs || 5));
  }
}

/** Reads the whole raw stream, acking every message (explicit) or every `ackEvery` (ack all). */
async function rawConsume(
  stream: string,
  total: number,
  ackEvery: number,
  durable: string,
): Promise<void> {
  const ackPolicy = ackEvery === 1 ? AckPolicy.Explicit : AckPolicy.All;
  await env.nats.jsm.consumers.add(stream, {
    durable_name: durable,
    ack_policy: ackPolicy,
    deliver_policy: DeliverPolicy.All,
    max_ack_pending: 4 * batch,
  });
  const consumer = await env.nats.js.consumers.get(stream, durable);
  let seen = 0;
  const messages = await consumer.consume({ max_messages: 2 * batch });
  for await (const message of messages) {
    seen++;
    if (seen % ackEvery === 0 || seen === total) message.ack();
    if (seen >= total) break;
  }
  await messages.close();
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
