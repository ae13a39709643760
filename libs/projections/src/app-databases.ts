import type { Logger } from '@kd/observability';
import type { MigrationClass } from './data-source.js';
import { DatabaseHolder } from './database-holder.js';
import { readDatabase } from './read-database.js';

/** The settings every app with a database has. */
export interface AppDatabaseSettings {
  DATABASE_URL: string;
  DATABASE_READ_URL?: string | undefined;
  DATABASE_STATEMENT_TIMEOUT_MS: number;
}

export interface AppDatabases {
  /** The primary: writes, the read models the commands read, migrations. */
  db: DatabaseHolder;
  /** Analytics reads: the replica of `DATABASE_READ_URL`, or the primary itself. */
  reads: DatabaseHolder;
  close(): Promise<void>;
}

/**
 * A process's PostgreSQL pools (`kd-<app>`): the primary and, when `DATABASE_READ_URL` is set, a
 * read replica for analytics. One place for every app, so they name, bound and close them alike.
 */
export function createAppDatabases(
  settings: AppDatabaseSettings,
  options: {
    app: string;
    logger: Logger;
    poolSize?: number;
    /** The primary's statement timeout when it differs from `DATABASE_STATEMENT_TIMEOUT_MS`. */
    statementTimeoutMs?: number;
    migrate?: readonly MigrationClass[];
  },
): AppDatabases {
  const applicationName = `kd-${options.app}`;
  const db = new DatabaseHolder({
    url: settings.DATABASE_URL,
    applicationName,
    statementTimeoutMs: options.statementTimeoutMs ?? settings.DATABASE_STATEMENT_TIMEOUT_MS,
    logger: options.logger,
    ...(options.poolSize ? { poolSize: options.poolSize } : {}),
    ...(options.migrate ? { migrate: options.migrate } : {}),
  });
  const reads = readDatabase({
    url: settings.DATABASE_READ_URL,
    primary: db,
    applicationName,
    statementTimeoutMs: settings.DATABASE_STATEMENT_TIMEOUT_MS,
    logger: options.logger,
  });
  return {
    db,
    reads,
    close: async () => {
      await Promise.all([db.close(), reads === db ? undefined : reads.close()]);
    },
  };
}
