import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { commonEnv, loadConfig } from '@kd/config';
import { databaseUrl, dropDatabase, testLogger } from '@kd/testing';
import type { MigrationClass } from './data-source.js';
import { DatabaseHolder } from './database-holder.js';
import { projectionMigrations } from './migrations/index.js';

/** A pool set up as the apps set theirs up, from the environment. */
function holderFromEnv(
  url: string,
  env: Record<string, string>,
  migrate?: readonly MigrationClass[],
) {
  const config = loadConfig('db-test', z.object(commonEnv), { DATABASE_URL: url, ...env });
  return new DatabaseHolder({
    url: config.DATABASE_URL,
    applicationName: 'kd-test-statement-timeout',
    statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS,
    logger: testLogger('db-test'),
    ...(migrate ? { migrate } : {}),
  });
}

describe('statement timeouts of the pools', () => {
  const name = `kd_test_stmt_${randomBytes(4).toString('hex')}`;
  const holders: DatabaseHolder[] = [];
  afterAll(async () => {
    await Promise.all(holders.map((h) => h.close()));
    await dropDatabase(name);
  });

  it('runs migrations without the bound, then cancels a query that outlasts it', async () => {
    // Migrations run on a pool of their own, without the bound (an index build may outlast it).
    const holder = holderFromEnv(
      databaseUrl(name),
      { DATABASE_STATEMENT_TIMEOUT_MS: '100' },
      projectionMigrations,
    );
    holders.push(holder);
    await holder.ready;
    const [{ count }] = await holder.dataSource.query<[{ count: number }]>(
      `SELECT count(*)::int AS count FROM typeorm_migrations`,
    );
    expect(count).toBeGreaterThan(0);
    await expect(holder.dataSource.query(`SELECT pg_sleep(0.5)`)).rejects.toMatchObject({
      driverError: { code: '57014' },
    });
  });

  it('bounds every statement by default, configurable by DATABASE_STATEMENT_TIMEOUT_MS', async () => {
    const holder = holderFromEnv(databaseUrl(name), { DATABASE_STATEMENT_TIMEOUT_MS: '300' });
    holders.push(holder);
    await holder.ready;
    const started = Date.now();
    await expect(holder.dataSource.query(`SELECT pg_sleep(5)`)).rejects.toMatchObject({
      driverError: { code: '57014' },
    });
    expect(Date.now() - started).toBeLessThan(3000);
    const defaults = loadConfig('db-test', z.object(commonEnv), {});
    expect(defaults.DATABASE_STATEMENT_TIMEOUT_MS).toBe(15_000);
  });
});
