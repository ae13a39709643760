import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './nats-server.js';

export interface PrivatePostgres {
  port: number;
  /** A connection URL to `database` on this server. */
  url(database: string): string;
  /** Fast shutdown (open transactions are rolled back), then start again on the same data. */
  restart(): void;
  stop(): void;
  start(): void;
  dispose(): void;
}

function binDir(): string {
  const explicit = process.env.KD_TEST_PG_BIN;
  if (explicit) return explicit;
  const versions = readdirSync('/usr/lib/postgresql').sort().reverse();
  const found = versions
    .map((v) => `/usr/lib/postgresql/${v}/bin`)
    .find((d) => existsSync(`${d}/pg_ctl`));
  if (!found) throw new Error('PostgreSQL server binaries not found (set KD_TEST_PG_BIN)');
  return found;
}

/**
 * A PostgreSQL cluster of our own (initdb in a temp dir, trust auth, a free port), for tests that
 * restart the database without disturbing the shared one. As root, the server runs as the
 * `postgres` user (PostgreSQL refuses to run as root).
 */
export async function privatePostgres(): Promise<PrivatePostgres> {
  const server = await clusterIn((run, data) =>
    run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']),
  );
  server.start();
  return server;
}

/**
 * A streaming replica of `primary` (`pg_basebackup -R`: a base backup that starts as a hot
 * standby following the primary's WAL), on a port of its own. Read-only, like a production one.
 */
export async function privateReplica(primary: PrivatePostgres): Promise<PrivatePostgres> {
  const server = await clusterIn((run, data) =>
    run('pg_basebackup', [
      ...['-h', '127.0.0.1', '-p', String(primary.port), '-U', 'postgres'],
      ...['-D', data, '-R', '-X', 'stream', '--no-sync'],
    ]),
  );
  server.start();
  return server;
}

type Run = (command: string, args: string[]) => void;

/** A server on a free port whose data directory `create` makes (initdb, or a base backup). */
async function clusterIn(create: (run: Run, data: string) => void): Promise<PrivatePostgres> {
  const bin = binDir();
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'kd-pg-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  const asServerUser: Run = (command, args) => {
    const [file, argv] =
      process.getuid?.() === 0
        ? ['runuser', ['-u', 'postgres', '--', `${bin}/${command}`, ...args]]
        : [`${bin}/${command}`, args];
    execFileSync(file, argv, { stdio: 'pipe', cwd: dir });
  };
  create(asServerUser, data);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50`;
  const ctl = (...args: string[]) =>
    asServerUser('pg_ctl', ['-D', data, '-w', '-t', '30', ...args]);
  const server: PrivatePostgres = {
    port,
    url: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    start: () => ctl('-o', options, '-l', join(dir, 'log'), 'start'),
    stop: () => ctl('-m', 'fast', 'stop'),
    restart: () => ctl('-m', 'fast', '-o', options, '-l', join(dir, 'log'), 'restart'),
    dispose() {
      try {
        server.stop();
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return server;
}
