import pg from 'pg';
import type { Logger } from '@kd/observability';

export interface ProjectionLeaseOptions {
  /** The primary (DATABASE_URL): the lock lives in its memory, beside the read models. */
  url: string;
  /**
   * What is leased: one key per projection a projector runs (see `projectionLeaseKeys`). The
   * lease is held when every key is; a projector whose set overlaps another's stands by.
   */
  keys: readonly string[];
  logger: Logger;
  /** How often a waiting projector tries again, and the holder checks its session (ms). */
  pollMs?: number;
  /** The session holding the lease died or stopped answering: stop applying at once. */
  onLost: (reason: string) => void;
}

class LeaseTakenError extends Error {}

/**
 * The lease keys of a projector running `projections` on `stream`: one per projection, so two
 * projectors whose sets overlap never both run a projection (each would recreate the other's
 * durable consumer under it), and the set's own key, which projectors before per-projection keys
 * took, so a rolling upgrade never runs an old and a new one of the same set side by side.
 */
export function projectionLeaseKeys(stream: string, projections: readonly string[]): string[] {
  const names = [...new Set(projections)].sort();
  return [
    `kd-projector:${stream}:${names.join(',')}`,
    ...names.map((n) => `kd-projection:${stream}:${n}`),
  ];
}

/**
 * Takes every key or none: `pg_try_advisory_lock` never waits, so two projectors reaching for
 * overlapping sets in different orders cannot deadlock; the keys taken are given back when one
 * is held elsewhere.
 */
async function tryLockAll(client: pg.Client, keys: readonly string[]): Promise<boolean> {
  const { rows } = await client.query<{ k: string; held: boolean }>(
    'SELECT k, pg_try_advisory_lock(hashtextextended(k, 0)) AS held FROM unnest($1::text[]) AS k',
    [keys],
  );
  if (rows.length === keys.length && rows.every((r) => r.held)) return true;
  const taken = rows.filter((r) => r.held).map((r) => r.k);
  if (taken.length > 0)
    await client.query(
      'SELECT pg_advisory_unlock(hashtextextended(k, 0)) FROM unnest($1::text[]) AS k',
      [taken],
    );
  return false;
}

/** The server drops a silent session after about 5 + 2 × 3 s, and its lock with it. */
const keepalive = '-c tcp_keepalives_idle=5 -c tcp_keepalives_interval=2 -c tcp_keepalives_count=3';

/**
 * One active projector per projection: PostgreSQL session-level advisory locks (one per
 * projection, all taken together) on a connection of their own. The server releases it the moment that session ends — a SIGKILLed
 * holder's socket is closed by the kernel, a silent one is dropped by TCP keepalive — so a
 * waiting projector takes over within `pollMs` of that. The holder checks its session every
 * `pollMs`; when the session fails it takes the lock again on a new one, and reports the lease
 * lost only if another projector got it first.
 */
export class ProjectionLease {
  private client: pg.Client | undefined;
  private watch: NodeJS.Timeout | undefined;
  private released = false;

  constructor(private readonly options: ProjectionLeaseOptions) {}

  /**
   * True once this process holds the lease; waits (and reconnects) as long as it takes. False
   * when `release()` came first (the process is stopping while standing by): the caller must
   * not start applying, nor touch the consumers the holder uses.
   */
  async acquire(): Promise<boolean> {
    const pollMs = this.options.pollMs ?? 1000;
    let waitingLogged = false;
    while (!this.released) {
      try {
        const client = await this.session();
        // Released meanwhile: never report held; the session (and any lock) goes below.
        if ((await tryLockAll(client, this.options.keys)) && !this.released) {
          this.options.logger.info({ lease: this.options.keys }, 'projection lease acquired');
          this.watchSession(client, pollMs);
          return true;
        }
        if (!waitingLogged)
          this.options.logger.info(
            { lease: this.options.keys },
            'another projector holds the projection lease: standing by',
          );
        waitingLogged = true;
      } catch (error) {
        this.options.logger.warn({ err: String(error) }, 'projection lease: session failed');
        await this.dropSession();
      }
      await new Promise((r) => setTimeout(r, pollMs));
    }
    // A session opened while `release()` ran would otherwise stay open.
    await this.dropSession();
    return false;
  }

  async release(): Promise<void> {
    this.released = true;
    clearInterval(this.watch);
    await this.dropSession();
  }

  private async session(): Promise<pg.Client> {
    if (this.client) return this.client;
    const client = new pg.Client({
      connectionString: this.options.url,
      application_name: 'kd-projector-lease',
      options: keepalive,
      keepAlive: true,
      keepAliveInitialDelayMillis: 5000,
      connectionTimeoutMillis: 5000,
      query_timeout: 5000,
    });
    client.on('error', () => undefined);
    await client.connect();
    this.client = client;
    return client;
  }

  /**
   * A failed check is not yet a lost lease: PostgreSQL restarting ends every session, and while
   * it is down nobody can take the lock. Take it again on a new session; only when another
   * projector holds it by then is the lease lost.
   */
  private watchSession(client: pg.Client, pollMs: number): void {
    let checking = false;
    this.watch = setInterval(() => {
      if (checking || this.released) return;
      checking = true;
      void this.check(client)
        .catch(async (error: unknown) => {
          this.options.logger.warn({ err: String(error) }, 'projection lease: session lost');
          await this.dropSession();
          client = await this.retake(pollMs);
        })
        .catch((reason: unknown) => {
          clearInterval(this.watch);
          if (!this.released) this.options.onLost(String(reason));
        })
        .finally(() => (checking = false));
    }, pollMs);
    this.watch.unref();
  }

  private async check(client: pg.Client): Promise<void> {
    if (client !== this.client) throw new Error('lease session replaced');
    await client.query('SELECT 1');
  }

  /** The new session once it holds the lock again; throws when another projector holds it. */
  private async retake(pollMs: number): Promise<pg.Client> {
    for (;;) {
      try {
        const client = await this.session();
        if (await tryLockAll(client, this.options.keys)) {
          this.options.logger.info({ lease: this.options.keys }, 'projection lease taken again');
          return client;
        }
        throw new LeaseTakenError('another projector took the projection lease');
      } catch (error) {
        if (error instanceof LeaseTakenError || this.released) throw error;
        await this.dropSession();
        await new Promise((r) => setTimeout(r, pollMs));
      }
    }
  }

  private async dropSession(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }
}
