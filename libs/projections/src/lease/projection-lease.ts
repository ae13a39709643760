import pg from 'pg';
import type { Logger } from '@kd/observability';

export interface ProjectionLeaseOptions {
  /** The primary (DATABASE_URL): the lock lives in its memory, beside the read models. */
  url: string;
  /** What is leased: the stream and the projections a projector runs. */
  key: string;
  logger: Logger;
  /** How often a waiting projector tries again, and the holder checks its session (ms). */
  pollMs?: number;
  /** The session holding the lease died or stopped answering: stop applying at once. */
  onLost: (reason: string) => void;
}

/** The server drops a silent session after about 5 + 2 × 3 s, and its lock with it. */
const keepalive = '-c tcp_keepalives_idle=5 -c tcp_keepalives_interval=2 -c tcp_keepalives_count=3';

/**
 * One active projector per projection set: a PostgreSQL session-level advisory lock on a
 * connection of its own. The server releases it the moment that session ends — a SIGKILLed
 * holder's socket is closed by the kernel, a silent one is dropped by TCP keepalive — so a
 * waiting projector takes over within `pollMs` of that. The holder checks its session every
 * `pollMs` and reports the lease lost when the check fails.
 */
export class ProjectionLease {
  private client: pg.Client | undefined;
  private watch: NodeJS.Timeout | undefined;
  private released = false;

  constructor(private readonly options: ProjectionLeaseOptions) {}

  /** Resolves once this process holds the lease; waits (and reconnects) as long as it takes. */
  async acquire(): Promise<void> {
    const pollMs = this.options.pollMs ?? 1000;
    let waitingLogged = false;
    while (!this.released) {
      try {
        const client = await this.session();
        const { rows } = await client.query<{ held: boolean }>(
          'SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS held',
          [this.options.key],
        );
        if (rows[0]?.held) {
          this.options.logger.info({ lease: this.options.key }, 'projection lease acquired');
          this.watchSession(client, pollMs);
          return;
        }
        if (!waitingLogged)
          this.options.logger.info(
            { lease: this.options.key },
            'another projector holds the projection lease: standing by',
          );
        waitingLogged = true;
      } catch (error) {
        this.options.logger.warn({ err: String(error) }, 'projection lease: session failed');
        await this.dropSession();
      }
      await new Promise((r) => setTimeout(r, pollMs));
    }
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

  private watchSession(client: pg.Client, pollMs: number): void {
    const lost = (reason: string) => {
      if (this.released) return;
      clearInterval(this.watch);
      this.options.onLost(reason);
    };
    client.once('end', () => lost('lease session ended'));
    this.watch = setInterval(() => {
      client.query('SELECT 1').catch((error: unknown) => lost(String(error)));
    }, pollMs);
    this.watch.unref();
  }

  private async dropSession(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }
}
