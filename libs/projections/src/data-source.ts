import { DataSource, type MigrationInterface } from 'typeorm';

/** A TypeORM migration class; its name ends in the 13-digit timestamp that orders it. */
export type MigrationClass = new () => MigrationInterface;

export interface DatabaseOptions {
  url: string;
  applicationName: string;
  poolSize?: number;
  /** Statement timeout for every query of this pool, in milliseconds (0 = none). */
  statementTimeoutMs?: number;
  /** What `runMigrations` applies, oldest first (`migrations` of @kd/read-models). */
  migrations?: readonly MigrationClass[];
}

export function createDataSource({
  url,
  applicationName,
  poolSize = 10,
  statementTimeoutMs = 0,
  migrations = [],
}: DatabaseOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    applicationName,
    synchronize: false,
    migrationsRun: false,
    migrations: [...migrations],
    migrationsTableName: 'typeorm_migrations',
    poolSize,
    extra: {
      ...(statementTimeoutMs > 0 ? { statement_timeout: statementTimeoutMs } : {}),
      connectionTimeoutMillis: 5000,
    },
    logging: false,
  });
}

/**
 * Applies pending migrations, each in its own transaction, under an advisory lock so processes
 * starting together do not race; returns the names applied. The lock holds one pooled
 * connection and TypeORM needs another: the pool must allow at least two.
 */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query(`SELECT pg_advisory_lock(hashtext('kd.migrations'))`);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await runner
      .query(`SELECT pg_advisory_unlock(hashtext('kd.migrations'))`)
      .catch(() => undefined);
    await runner.release();
  }
}
