import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDataSource, runMigrations } from '@kd/projections';
import { migrations } from '@kd/read-models';

const adminUrl = process.env.KD_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function databaseUrl(name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** STYLE §9: never touch a database whose name does not say it is for tests. */
function assertTestName(name: string): void {
  if (!/^kd_test_[a-z0-9_]+$/.test(name))
    throw new Error(`refusing to use database "${name}": not a kd_test_* database`);
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function createDatabase(name: string, template?: string): Promise<void> {
  assertTestName(name);
  if (template) assertTestName(template);
  await admin(async (client) => {
    for (let attempt = 1; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ''}`);
        return;
      } catch (error) {
        // Concurrent clones of one template can collide; the template itself is never in use.
        if (attempt >= 20 || !String(error).includes('being accessed by other users')) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
  });
}

export async function dropDatabase(name: string): Promise<void> {
  assertTestName(name);
  await admin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

/**
 * The migrated template every spec file's database is cloned from. Its name carries a hash of
 * the migrations' code, so it is built once and rebuilt only when a migration changes; workers
 * serialize the build with an advisory lock.
 */
export async function ensureTemplateDatabase(): Promise<string> {
  const hash = createHash('sha256')
    .update(migrations.map((m) => m.toString()).join('\n'))
    .digest('hex')
    .slice(0, 12);
  const name = `kd_test_tpl_${hash}`;
  return admin(async (client) => {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', ['kd_test_template']);
    try {
      const existing = await client.query<{ datname: string }>(
        `SELECT datname FROM pg_database WHERE datname LIKE 'kd\\_test\\_tpl\\_%'`,
      );
      if (existing.rows.some((r) => r.datname === name)) return name;
      // Templates of other migration sets may still be in use by a concurrent run: drop only
      // those nobody is connected to, and leave the rest for a later run.
      for (const stale of existing.rows) {
        await client.query(`DROP DATABASE IF EXISTS "${stale.datname}"`).catch(() => undefined);
      }

      await client.query(`CREATE DATABASE "${name}"`);
      try {
        await migrate(databaseUrl(name));
      } catch (error) {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        throw error;
      }
      return name;
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', ['kd_test_template']);
    }
  });
}

async function migrate(url: string): Promise<void> {
  const dataSource = createDataSource({
    url,
    applicationName: 'kd-test-template',
    poolSize: 2,
    migrations,
  });
  await dataSource.initialize();
  try {
    await runMigrations(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A fresh database for one spec file, cloned from the migrated template of this test run. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const template = await ensureTemplateDatabase();
  const name = `kd_test_${randomBytes(6).toString('hex')}`;
  await createDatabase(name, template);
  return { name, url: databaseUrl(name), drop: () => dropDatabase(name) };
}
