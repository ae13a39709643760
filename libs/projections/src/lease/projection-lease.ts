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

class LeaseTakenError extends Error {}

/** The server drops a silent session after about 5 + 2 × 3 s, and its lock with it. */
const keepalive = '-c tcp_keepalives_idle=5 -c tcp_keepalives_interval=2 -c tcp_keepalives_count=3';

/**
 * One active projector per projection set: a PostgreSQL session-level advisory lock on a
 * connection of its own. The server releases it the moment that session ends — a SIGKILLed
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
        const { rows } = await client.query<{ held: boolean }>(
          'SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS held',
          [this.options.key],
        );
        if (rows[0]?.held) {
          this.options.logger.info({ lease: this.options.key }, 'projection lease taken again');
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
