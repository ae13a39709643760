import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `kd.event_log_staging`: where a COPY of event_log rows lands when the batch may conflict, before
 * `INSERT … SELECT … ON CONFLICT DO NOTHING` (event-log-ingest.ts). Unlogged (its rows never
 * outlive the batch's transaction) and without constraints (duplicates are resolved on the way
 * out). A table of the schema rather than a TEMP table: kd_app has no TEMP privilege on purpose
 * (migration AppRole1763884800900), and `migrations:run` hands this table to kd_app like the rest.
 */
export class EventLogStaging1763884800950 implements MigrationInterface {
  name = 'EventLogStaging1763884800950';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE UNLOGGED TABLE kd.event_log_staging (LIKE kd.event_log)`);
    await q.query(
      `COMMENT ON TABLE kd.event_log_staging IS 'Internal: COPY staging for the event_log projection, empty outside its transactions.'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE kd.event_log_staging`);
  }
}
