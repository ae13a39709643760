import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `kd_analytics`: the read-only login of analysts and Grafana. It may read schema `analytics`
 * and nothing in `kd`; the views run with their owner's rights, so they still read `kd` tables.
 * Roles are cluster-wide and shared by every database of the cluster (test databases too): the
 * role is created only if missing, and the down migration revokes without dropping it. Set its
 * password at deploy time: ALTER ROLE kd_analytics PASSWORD '…'. It connects through PUBLIC's
 * default CONNECT privilege on the database.
 */
export class AnalyticsRole1763884800304 implements MigrationInterface {
  name = 'AnalyticsRole1763884800304';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DO $$
      BEGIN
        IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'kd_analytics') THEN
          CREATE ROLE kd_analytics LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT;
        END IF;
      EXCEPTION
        -- Another database's migration created it between the check and the CREATE.
        WHEN duplicate_object OR unique_violation THEN NULL;
      END $$`);
    // Analytics queries are short scans for which JIT compilation costs more than it saves.
    await q.query(`ALTER ROLE kd_analytics SET jit = off`);
    await q.query(`REVOKE ALL ON SCHEMA kd FROM kd_analytics`);
    await q.query(`GRANT USAGE ON SCHEMA analytics TO kd_analytics`);
    await q.query(`GRANT SELECT ON ALL TABLES IN SCHEMA analytics TO kd_analytics`);
    await q.query(`GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA analytics TO kd_analytics`);
    await q.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA analytics GRANT SELECT ON TABLES TO kd_analytics`,
    );
    await q.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA analytics GRANT EXECUTE ON FUNCTIONS TO kd_analytics`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA analytics REVOKE EXECUTE ON FUNCTIONS FROM kd_analytics`,
    );
    await q.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA analytics REVOKE SELECT ON TABLES FROM kd_analytics`,
    );
    await q.query(`REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA analytics FROM kd_analytics`);
    await q.query(`REVOKE SELECT ON ALL TABLES IN SCHEMA analytics FROM kd_analytics`);
    await q.query(`REVOKE USAGE ON SCHEMA analytics FROM kd_analytics`);
  }
}
