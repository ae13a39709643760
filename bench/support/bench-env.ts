import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connectNats, ensureStream } from '@kd/event-store';
import { createLogger } from '@kd/observability';
import { createDataSource, runMigrations } from '@kd/projections';
import { migrations } from '@kd/read-models';

export const logger = createLogger({ service: 'bench', level: 'warn' });
const adminUrl = process.env.KD_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

export function parseArgs<K extends string>(defaults: Record<K, number>): Record<K, number> {
  const args: Record<string, number> = { ...defaults };
  for (let i = 2; i < process.argv.length; i += 2) {
    const key = process.argv[i]?.replace(/^--/, '');
    const value = Number(process.argv[i + 1]);
    if (!key || !(key in args) || !Number.isFinite(value))
      throw new Error(
        `usage: ${Object.keys(defaults)
          .map((k) => `--${k} N`)
          .join(' ')}`,
      );
    args[key] = value;
  }
  return args;
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
      await jsm.streams.delete(streams.ours.stream).catch(() => false);
      await jsm.streams.delete(streams.raw.stream).catch(() => false);
      await nc.close();
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** Runs `task(i)` for i in [0, n) with at most `window` in flight. */
export async function pipelined(
  n: number,
  window: number,
  task: (i: number) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < n) await task(next++);
  };
  await Promise.all(Array.from({ length: window }, worker));
}

export const rate = (n: number, ms: number): number => Math.round(n / (ms / 1000));
