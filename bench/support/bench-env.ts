import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connectNats, ensureStream } from '@kd/event-store';
import { createProgress, parseCli, usageFailure, type CliOptions } from '@kd/cli';
import { systemClock } from '@kd/events';
import { createLogger } from '@kd/observability';
import { createDataSource, runMigrations } from '@kd/projections';
import { deleteStreamWithBuckets } from '@kd/testing';
import { migrations } from '@kd/read-models';

export const logger = createLogger({ service: 'bench', level: 'warn' });
const adminUrl = process.env.KD_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

/**
 * The bench's command line through the shared parser (@kd/cli): `--<name> N` for each default,
 * boolean `--<flag>`s, `--help`. Prints the usage and exits (0 for --help, 2 for a bad flag).
 */
export function benchArgs<K extends string, F extends string = never>(
  bench: string,
  summary: string,
  defaults: Record<K, number>,
  flags: Partial<Record<F, string>> = {},
  argv: readonly string[] = process.argv.slice(2),
): { args: Record<K, number>; given: Partial<Record<K, number>>; flags: Record<F, boolean> } {
  const options: CliOptions = {};
  for (const [name, value] of Object.entries<number>(defaults))
    options[name] = { type: 'number', description: `default ${value}` };
  for (const [name, text] of Object.entries<string | undefined>(flags))
    options[name] = { type: 'boolean', description: text ?? '' };
  const spec = { command: `npm run bench:${bench} --`, synopsis: '[options]', summary, options };
  let parsed: ReturnType<typeof parseCli>;
  try {
    parsed = parseCli(spec, argv);
  } catch (error) {
    process.exit(usageFailure(`bench:${bench}`, error, (t) => process.stderr.write(t)) ?? 1);
  }
  if (parsed.help) {
    process.stdout.write(parsed.usage);
    process.exit(0);
  }
  const given: Record<string, number> = {};
  const set: Record<string, boolean> = {};
  for (const [name, value] of Object.entries(parsed.values)) {
    if (typeof value === 'number') given[name] = value;
    if (typeof value === 'boolean') set[name] = value;
  }
  return {
    args: { ...defaults, ...given },
    given: given as Partial<Record<K, number>>,
    flags: set,
  };
}

/** Progress of a bench phase on a TTY (quiet in CI and when piped). */
export const benchProgress = (label: string, total?: number, unit = 'events') =>
  createProgress({ label, total, unit, clock: systemClock });

/** A phase that runs for `seconds`: its progress is the time passed. Call the result to end it. */
export function timedProgress(label: string, seconds: number): () => void {
  const progress = benchProgress(label, Math.round(seconds), 's');
  const started = Date.now();
  const timer = setInterval(
    () => progress.update(Math.min(Math.round((Date.now() - started) / 1000), seconds)),
    1000,
  );
  timer.unref();
  return () => {
    clearInterval(timer);
    progress.update(Math.round(seconds));
    progress.finish();
  };
}

/** A database and a stream of the bench's own, removed by dispose(). */
export async function benchEnvironment() {
  const id = randomBytes(4).toString('hex');
  const database = `kd_bench_${id}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  const dataSource = createDataSource({
    url: url.toString(),
    applicationName: 'kd-bench',
    migrations,
  });
  await dataSource.initialize();
  await runMigrations(dataSource);
  const nc = await connectNats({ url: natsUrl, name: 'kd-bench', logger });
  const jsm = await jetstreamManager(nc);
  const streams = {
    ours: { stream: `KD_BENCH_${id}`, subjectPrefix: `kdbench.${id}` },
    raw: { stream: `KD_BENCH_RAW_${id}`, subjectPrefix: `kdbenchraw.${id}` },
  };
  await ensureStream(jsm, streams.ours);
  await ensureStream(jsm, streams.raw);
  return {
    id,
    databaseUrl: url.toString(),
    dataSource,
    nats: { nc, js: jetstream(nc), jsm },
    natsUrl,
    streams,
    async dispose() {
      await dataSource.destroy();
      await deleteStreamWithBuckets(jsm, streams.ours.stream);
      await deleteStreamWithBuckets(jsm, streams.raw.stream);
      await nc.close();
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** Runs `task(i)` for i in [0, n) with at most `window` in flight; with a label, shows progress. */
export async function pipelined(
  n: number,
  window: number,
  task: (i: number) => Promise<unknown>,
  label?: string,
): Promise<void> {
  const progress = label ? benchProgress(label, n) : undefined;
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < n) {
      await task(next++);
      progress?.update(++done);
    }
  };
  await Promise.all(Array.from({ length: window }, worker));
  progress?.finish();
}

export const rate = (n: number, ms: number): number => Math.round(n / (ms / 1000));
