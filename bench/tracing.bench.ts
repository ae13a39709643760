/**
 * Tracing overhead (issue 18): the same workload — events appended under a request span (inside
 * the correlation context every HTTP request of the apps runs in), then
 * consumed in batches by a durable consumer, as the api and projector do — with tracing off and
 * on at 10 % sampling (`parentbased_traceidratio`, 0.1, exporting to an in-process OTLP sink).
 * Each run is its own process (the SDK starts once per process), modes alternate. Each process
 * first runs --warmup events unmeasured (JIT, lazy module loads, first export), then measures its
 * CPU time (user + system) from the first measured append until the last event is consumed and
 * its spans are exported, per event: median and spread over the rounds. The warm-up is 10,000
 * events: with 1,000, only ~100 traces were sampled before the window, and the optimising compiler
 * was still working on the sampled paths inside it (background-thread CPU, counted by
 * process.cpuUsage), which showed up as tracing overhead a long-running app does not pay.
 *   npm run bench:tracing -- --events 5000 --rounds 5
 * Node flags given to the parent reach the children: `node --experimental-async-context-frame
 * dist/bench/tracing.bench.js` measures Node 22 with AsyncContextFrame (the default from Node 24).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { BatchConsumer, EventStore, connectNats, ensureStream } from '@kd/event-store';
import { commandExecutedEvent, deleteStreamWithBuckets, startOtlpReceiver } from '@kd/testing';
import { withCorrelation } from '@kd/observability';
import { kdTracer, startTracing } from '@kd/tracing';
import { benchArgs, logger } from './support/bench-env.js';
import { cpuSecondsOf } from './support/process-cpu.js';

const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

/**
 * CPU time of the calling (main) thread in µs, from Linux's /proc (clock ticks of 10 ms);
 * undefined elsewhere. process.cpuUsage also counts V8's GC and compiler threads: the split tells
 * a per-event cost from a compiler still at work.
 */
function mainThreadCpuUs(): number | undefined {
  const seconds = cpuSecondsOf('thread-self');
  return seconds === undefined ? undefined : seconds * 1e6;
}

async function child(events: number, warmup: number): Promise<void> {
  const tracing = await startTracing({ service: 'bench' });
  const id = randomBytes(4).toString('hex');
  const names = { stream: `KD_BENCH_TR_${id}`, subjectPrefix: `kdbenchtr.${id}` };
  const nc = await connectNats({ url: natsUrl, name: 'kd-bench-tracing', logger });
  const [js, jsm] = [jetstream(nc), await jetstreamManager(nc)];
  await ensureStream(jsm, names);
  // With `nc`, appends go through the StreamPublisher, as the apps' backbone does.
  const store = new EventStore({ nats: { nc, js, jsm }, ...names });
  let consumed = 0;
  let target = 0;
  let reached: () => void = () => undefined;
  const consumer = new BatchConsumer({
    js,
    jsm,
    ...names,
    durable: 'bench',
    batchSize: 100,
    maxWaitMs: 20,
    logger,
    resumeAfter: () => Promise.resolve(0),
    handle: (batch) => {
      consumed += batch.length;
      if (consumed >= target) reached();
      return Promise.resolve();
    },
  });
  await consumer.start();
  const tracer = kdTracer();
  let seq = 0;
  const appendAndConsume = async (count: number) => {
    target += count;
    const all = new Promise<void>((resolve) => (reached = resolve));
    for (let i = 0; i < count; i += 20) {
      // Twenty requests at a time, each one span appending one event, inside the correlation
      // context the HTTP middleware gives every request in both modes (AsyncLocalStorage: its
      // async-hook cost is the apps' baseline, not tracing's).
      await Promise.all(
        Array.from({ length: Math.min(20, count - i) }, () =>
          withCorrelation({}, () =>
            tracer.startActiveSpan('POST /bench', async (span) => {
              await store.append(commandExecutedEvent(++seq));
              span.end();
            }),
          ),
        ),
      );
    }
    await all;
  };
  // Warm-up (not measured): JIT, lazily loaded modules, the first export, in both modes alike.
  await appendAndConsume(warmup);
  await tracing?.flush();
  const startedMain = mainThreadCpuUs();
  const startedCpu = process.cpuUsage();
  await appendAndConsume(events);
  // The spans of the measured events are exported inside the window: their cost counts.
  await tracing?.flush();
  const cpu = process.cpuUsage(startedCpu);
  const main = mainThreadCpuUs();
  await consumer.stop();
  await deleteStreamWithBuckets(jsm, names.stream);
  await nc.close();
  await tracing?.shutdown();
  const result = {
    cpuUsPerEvent: (cpu.user + cpu.system) / events,
    ...(main !== undefined && startedMain !== undefined
      ? { mainThreadUsPerEvent: (main - startedMain) / events }
      : {}),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
}

interface ChildResult {
  cpuUsPerEvent: number;
  /** Linux only. */
  mainThreadUsPerEvent?: number;
}

function run(events: number, warmup: number, env: Record<string, string>): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const proc = spawn(
      process.execPath,
      // The parent's node flags (e.g. --experimental-async-context-frame on Node 22) apply to
      // every child alike.
      [
        ...process.execArgv,
        fileURLToPath(import.meta.url),
        '--child',
        String(events),
        String(warmup),
      ],
      {
        env: { PATH: process.env.PATH, NATS_URL: natsUrl, ...env },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    proc.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    proc.once('exit', (code) => {
      const line = /\{"cpuUsPerEvent":[^}]+\}/.exec(out)?.[0];
      if (code !== 0 || !line) reject(new Error(`bench child exited ${code}: ${out}`));
      else resolve(JSON.parse(line) as ChildResult);
    });
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function main(): Promise<void> {
  if (process.argv[2] === '--child') return child(Number(process.argv[3]), Number(process.argv[4]));
  const { args } = benchArgs(
    'tracing',
    'CPU per event with tracing on (10% sampled) vs off, alternating --rounds of --events (after --warmup events per process); BENCHMARKS.md.',
    { events: 5000, rounds: 5, warmup: 10000 },
  );
  const { events, rounds, warmup } = args;
  console.log(`node ${process.version} ${process.execArgv.join(' ')}`.trimEnd());
  const sink = await startOtlpReceiver();
  const on = {
    OTEL_EXPORTER_OTLP_ENDPOINT: sink.endpoint,
    OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
    OTEL_TRACES_SAMPLER_ARG: '0.1',
  };
  const off: number[] = [];
  const traced: number[] = [];
  const mainThread = { off: [] as number[], on: [] as number[] };
  for (let round = 0; round < rounds; round++) {
    // Alternate which mode goes first, so drift on a shared machine hits both alike.
    const order = round % 2 === 0 ? (['off', 'on'] as const) : (['on', 'off'] as const);
    for (const mode of order) {
      const { cpuUsPerEvent: cpu, mainThreadUsPerEvent } = await run(
        events,
        warmup,
        mode === 'on' ? on : {},
      );
      (mode === 'on' ? traced : off).push(cpu);
      if (mainThreadUsPerEvent !== undefined) mainThread[mode].push(mainThreadUsPerEvent);
      const ofMain =
        mainThreadUsPerEvent === undefined
          ? ''
          : ` (main thread ${mainThreadUsPerEvent.toFixed(1)})`;
      console.log(`round ${round + 1} ${mode.padEnd(3)} ${cpu.toFixed(1)} µs CPU/event${ofMain}`);
    }
  }
  const overheads = off.map((o, i) => ((traced[i]! - o) / o) * 100);
  const fmt = (xs: number[]) =>
    `median ${median(xs).toFixed(1)} (min ${Math.min(...xs).toFixed(1)}, max ${Math.max(...xs).toFixed(1)})`;
  console.log(`off: ${fmt(off)} µs CPU/event`);
  console.log(`on (10 % sampled): ${fmt(traced)} µs CPU/event`);
  if (mainThread.off.length === off.length && mainThread.on.length === traced.length)
    console.log(
      `main thread only: off ${fmt(mainThread.off)}, on ${fmt(mainThread.on)} µs/event (the rest is V8's GC and compiler threads)`,
    );
  const ofMedians = ((median(traced) - median(off)) / median(off)) * 100;
  console.log(`overhead of the medians: ${ofMedians.toFixed(1)} %`);
  console.log(
    `overhead per round: median ${median(overheads).toFixed(1)} % (min ${Math.min(...overheads).toFixed(1)}, max ${Math.max(...overheads).toFixed(1)}); spans received ${sink.spans.length}`,
  );
  await sink.close();
}

await main();
