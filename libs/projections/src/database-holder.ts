import type { DataSource } from 'typeorm';
import { KdError } from '@kd/events';
import type { Logger } from '@kd/observability';
import {
  createDataSource,
  runMigrations,
  type DatabaseOptions,
  type MigrationClass,
} from './data-source.js';
import { ensureDatabase } from './ensure-database.js';

export class DatabaseUnavailableError extends KdError {
  constructor(message: string) {
    super('DATABASE.UNAVAILABLE', message, 'unavailable');
  }
}

export interface DatabaseHolderOptions extends DatabaseOptions {
  logger: Logger;
  /** Create the database if missing and apply these migrations (oldest first) once connected. */
  migrate?: readonly MigrationClass[];
}

/**
 * The process's PostgreSQL pool, connected in the background with retries and backoff, so a
 * process started before PostgreSQL waits for it (health says "not ready") instead of crashing.
 */
export class DatabaseHolder {
  private source: DataSource | undefined;
  private closed = false;
  readonly ready: Promise<void>;

  constructor(private readonly options: DatabaseHolderOptions) {
    this.ready = this.connect();
    this.ready.catch(() => undefined);
  }

  get dataSource(): DataSource {
    if (!this.source) throw new DatabaseUnavailableError('PostgreSQL is not connected yet');
    return this.source;
  }

  get isConnected(): boolean {
    return this.source?.isInitialized === true;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.source?.isInitialized) await this.source.destroy();
  }

  /**
   * Migrations run on a pool of their own without a statement timeout: an index built over a
   * large table may take longer than any query the process makes afterwards.
   */
  private async migrate(migrations: readonly MigrationClass[]): Promise<void> {
    await ensureDatabase(this.options.url);
    const source = createDataSource({
      ...this.options,
      poolSize: 2,
      statementTimeoutMs: 0,
      migrations,
    });
    await source.initialize();
    try {
      const applied = await runMigrations(source);
      if (applied.length > 0)
        this.options.logger.info({ migrations: applied }, 'migrations applied');
    } finally {
      await source.destroy();
    }
  }

  private async connect(): Promise<void> {
    const { logger } = this.options;
    for (let attempt = 1; !this.closed; attempt++) {
      try {
        if (this.options.migrate) await this.migrate(this.options.migrate);
        const source = createDataSource(this.options);
        await source.initialize();
        this.source = source;
        logger.info({ attempt }, 'connected to PostgreSQL');
        return;
      } catch (error) {
        const delayMs = Math.min(30_000, 250 * 2 ** Math.min(attempt, 7));
        logger.warn(
          { attempt, retryInMs: delayMs, err: String(error) },
          'PostgreSQL unavailable, retrying',
        );
        await new Promise((resolve) => setTimeout(resolve, delayMs));
      }
    }
  }
}

/** Readiness: connected, and PostgreSQL answers a query. */
export async function checkPostgres(db: DatabaseHolder): Promise<void> {
  await db.dataSource.query('SELECT 1');
}
