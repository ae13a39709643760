import type { MigrationInterface, QueryRunner } from 'typeorm';
import { appRole, assignSchemasTo } from '../app-role.js';

/** Long enough for any dashboard panel or report; an analyst may still SET a longer one. */
const analyticsStatementTimeout = '30s';

/**
 * `kd_app`: the login of the apps (DESIGN §6b), instead of the superuser that runs migrations.
 * Not a superuser, creates no roles or databases, owns schemas kd and analytics and what is in
 * them (assignSchemasTo) and nothing else; no TEMP. kd_analytics gets a statement timeout and
 * loses TEMP (PUBLIC's default TEMPORARY privilege on the database is revoked). Roles are
 * cluster-wide and shared by every database of the cluster (test databases too): created only if
 * missing, and the down migration gives the schemas back without dropping the role. Its password
 * is set at deploy time (`npm run migrations:run` with KD_APP_PASSWORD).
 */
export class AppRole1763884800900 implements MigrationInterface {
  name = 'AppRole1763884800900';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DO $$
      BEGIN
        IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = '${appRole}') THEN
          CREATE ROLE ${appRole} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT
            NOREPLICATION NOBYPASSRLS;
        END IF;
      EXCEPTION
        -- Another database's migration created it between the check and the CREATE.
        WHEN duplicate_object OR unique_violation THEN NULL;
      END $$`);
    await q.query(`ALTER ROLE kd_analytics SET statement_timeout = '${analyticsStatementTimeout}'`);
    await q.query(`
      DO $$
      BEGIN
        EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
      END $$`);
    // Views and functions kd_app creates later (a projector applying a migration) stay readable.
    await q.query(
      `ALTER DEFAULT PRIVILEGES FOR ROLE ${appRole} IN SCHEMA analytics GRANT SELECT ON TABLES TO kd_analytics`,
    );
    await q.query(
      `ALTER DEFAULT PRIVILEGES FOR ROLE ${appRole} IN SCHEMA analytics GRANT EXECUTE ON FUNCTIONS TO kd_analytics`,
    );
    await assignSchemasTo(q, appRole);
  }

  async down(q: QueryRunner): Promise<void> {
    const [me] = (await q.query(`SELECT current_user AS name`)) as { name: string }[];
    await assignSchemasTo(q, me!.name);
    await q.query(
      `ALTER DEFAULT PRIVILEGES FOR ROLE ${appRole} IN SCHEMA analytics REVOKE EXECUTE ON FUNCTIONS FROM kd_analytics`,
    );
    await q.query(
      `ALTER DEFAULT PRIVILEGES FOR ROLE ${appRole} IN SCHEMA analytics REVOKE SELECT ON TABLES FROM kd_analytics`,
    );
    await q.query(`
      DO $$
      BEGIN
        EXECUTE format('GRANT TEMPORARY ON DATABASE %I TO PUBLIC', current_database());
      END $$`);
    await q.query(`ALTER ROLE kd_analytics RESET statement_timeout`);
  }
}
