import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '@kd/testing';
import { appRole, assignSchemasTo, setRolePassword } from './app-role.js';
import { createDataSource } from './data-source.js';
import { AppRole1763884800900 } from './migrations/1763884800900-app-role.js';

/** Objects of schemas kd and analytics (and the schemas) not owned by kd_app. */
const notOwnedByApp = `
  SELECT n.nspname || '.' || c.relname AS object, pg_get_userbyid(c.relowner) AS owner
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname IN ('kd', 'analytics') AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
    AND pg_get_userbyid(c.relowner) <> $1
  UNION ALL
  SELECT n.nspname || '.' || p.proname, pg_get_userbyid(p.proowner)
  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
  WHERE n.nspname IN ('kd', 'analytics') AND pg_get_userbyid(p.proowner) <> $1
  UNION ALL
  SELECT nspname, pg_get_userbyid(nspowner) FROM pg_namespace
  WHERE nspname IN ('kd', 'analytics') AND pg_get_userbyid(nspowner) <> $1`;

describe('kd_app: the apps log in as a role that owns its schemas and nothing more', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  /** A real login as `role` (the local cluster trusts 127.0.0.1), as the apps and Grafana do. */
  const loginAs = async <T>(role: string, fn: (client: pg.Client) => Promise<T>): Promise<T> => {
    const url = new URL(db.url);
    url.username = role;
    url.password = '';
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  };
  const refused = (promise: Promise<unknown>) =>
    promise.then(
      () => 'allowed',
      (error: Error) =>
        /permission denied|must be/.test(error.message) ? 'refused' : error.message,
    );

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = createDataSource({ url: db.url, applicationName: 'app-role' });
    await dataSource.initialize();
    // A database cloned from the template keeps its objects but not its database privileges:
    // run the migration again, as `npm run migrations:run` would on a new database (idempotent).
    const q = dataSource.createQueryRunner();
    await new AppRole1763884800900().up(q).finally(() => q.release());
  });
  afterAll(async () => {
    await dataSource.destroy();
    await db.drop();
  });

  it('owns every table, view, sequence and function of schemas kd and analytics', async () => {
    expect(await dataSource.query(notOwnedByApp, [appRole])).toEqual([]);
    const [role] = await dataSource.query<Record<string, boolean>[]>(
      `SELECT rolsuper, rolcreaterole, rolcreatedb, rolreplication, rolbypassrls, rolcanlogin
       FROM pg_roles WHERE rolname = $1`,
      [appRole],
    );
    expect(role).toEqual({
      rolsuper: false,
      rolcreaterole: false,
      rolcreatedb: false,
      rolreplication: false,
      rolbypassrls: false,
      rolcanlogin: true,
    });
  });

  it('reads and writes its read models, and may do nothing outside its schemas', async () => {
    const outcomes = await loginAs(appRole, async (c) => {
      await c.query(
        `INSERT INTO kd.projection_checkpoints (projection, last_seq, projection_version) VALUES ('x', 1, 1)`,
      );
      await c.query(`UPDATE kd.projection_checkpoints SET last_seq = 2 WHERE projection = 'x'`);
      await c.query(`SELECT * FROM analytics.guild_insights`);
      await c.query(`SELECT count(*) FROM public.typeorm_migrations`);
      await c.query(`TRUNCATE kd.projection_checkpoints`);
      return {
        createSchema: await refused(c.query(`CREATE SCHEMA elsewhere`)),
        createInPublic: await refused(c.query(`CREATE TABLE public.elsewhere (id int)`)),
        temp: await refused(c.query(`CREATE TEMP TABLE scratch (id int)`)),
        createRole: await refused(c.query(`CREATE ROLE intruder`)),
        passwords: await refused(c.query(`SELECT rolpassword FROM pg_authid`)),
        migrations: await refused(c.query(`DELETE FROM public.typeorm_migrations`)),
      };
    });
    expect(outcomes).toEqual({
      createSchema: 'refused',
      createInPublic: 'refused',
      temp: 'refused',
      createRole: 'refused',
      passwords: 'refused',
      migrations: 'refused',
    });
  });

  it('gives kd_analytics a statement timeout and no temporary tables', async () => {
    const outcome = await loginAs('kd_analytics', async (c) => ({
      timeout: (await c.query<{ statement_timeout: string }>(`SHOW statement_timeout`)).rows[0]
        ?.statement_timeout,
      temp: await refused(c.query(`CREATE TEMP TABLE scratch (id int)`)),
      reads: (await c.query(`SELECT * FROM analytics.live_summary`)).rowCount,
    }));
    expect(outcome).toEqual({ timeout: '30s', temp: 'refused', reads: 1 });
  });

  it('hands over what a later migration created (npm run migrations:run does it every time)', async () => {
    await dataSource.query(`CREATE TABLE kd.later_table (id bigserial PRIMARY KEY)`);
    await dataSource.query(`CREATE VIEW analytics.later_view AS SELECT id FROM kd.later_table`);
    expect(await dataSource.query(notOwnedByApp, [appRole])).not.toEqual([]);
    await assignSchemasTo(dataSource);
    expect(await dataSource.query(notOwnedByApp, [appRole])).toEqual([]);
    await loginAs(appRole, (c) => c.query(`INSERT INTO kd.later_table DEFAULT VALUES`));
    await loginAs('kd_analytics', (c) => c.query(`SELECT * FROM analytics.later_view`));
  });

  it('gives the schemas back on the way down, without dropping the role', async () => {
    const migration = new AppRole1763884800900();
    const q = dataSource.createQueryRunner();
    try {
      await migration.down(q);
      expect(await dataSource.query(notOwnedByApp, [appRole])).not.toEqual([]);
      await migration.up(q);
    } finally {
      await q.release();
    }
    expect(await dataSource.query(notOwnedByApp, [appRole])).toEqual([]);
  });

  it('sets the login password of kd_app, quotes and all', async () => {
    const verifier = async () =>
      (
        await dataSource.query<{ scram: boolean | null }[]>(
          `SELECT rolpassword LIKE 'SCRAM-SHA-256$%' AS scram FROM pg_authid WHERE rolname = $1`,
          [appRole],
        )
      )[0]?.scram;
    try {
      await setRolePassword(dataSource, appRole, `it's a long 'password'; DROP ROLE x`);
      expect(await verifier()).toBe(true);
    } finally {
      await dataSource.query(`ALTER ROLE ${appRole} PASSWORD NULL`);
    }
    expect(await verifier()).toBeNull();
  });
});
