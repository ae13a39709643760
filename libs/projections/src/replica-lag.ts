import { Gauge, type Registry } from 'prom-client';
import type { Logger } from '@kd/observability';
import type { DatabaseHolder } from './database-holder.js';

/**
 * Seconds the replica's replayed state is behind the primary: 0 when it has replayed all the WAL
 * it received (an idle primary is not lag), else the age of the last transaction it replayed.
 */
export const replicaLagSql = `SELECT CASE
  WHEN NOT pg_is_in_recovery() THEN 0
  WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
  ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0)
END::float8 AS lag`;

/** How far behind the replica is, asked of the replica itself. */
export async function readReplicaLagSeconds(db: DatabaseHolder): Promise<number> {
  const rows = await db.dataSource.query<{ lag: number }[]>(replicaLagSql);
  return Number(rows[0]?.lag ?? 0);
}

/**
 * `kd_db_replica_lag_seconds`, computed on scrape from the read replica (`DATABASE_READ_URL`).
 * An unreachable replica leaves the gauge without a value, so `absent()` and the service's own
 * readiness tell that story rather than a made-up 0.
 */
export function registerReplicaLagMetric(
  registry: Registry,
  replica: DatabaseHolder,
  logger: Logger,
): Gauge {
  return new Gauge({
    name: 'kd_db_replica_lag_seconds',
    help: 'Seconds the PostgreSQL read replica (DATABASE_READ_URL) is behind the primary',
    registers: [registry],
    async collect() {
      try {
        this.set(await readReplicaLagSeconds(replica));
      } catch (error) {
        this.reset();
        logger.warn({ err: String(error) }, 'replica lag query failed');
      }
    },
  });
}
