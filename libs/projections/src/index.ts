export type { Projection } from './projection.js';
export { liveTables, shadowTables, tableIn, type TableTarget } from './table-target.js';
export { handledTypes, dispatch, type EventHandlers } from './event-handlers.js';
export { ProjectionRunner, type BatchOutcome } from './runner/projection-runner.js';
export type { DecodedMessage } from './runner/decode-batch.js';
export { createProjectionMetrics, type ProjectionMetrics } from './runner/projection-metrics.js';
export { isTransientDatabaseError } from './runner/transient-errors.js';
export { readCheckpoint } from './runner/checkpoints.js';
export {
  createDataSource,
  runMigrations,
  type DatabaseOptions,
  type MigrationClass,
} from './data-source.js';
export { ensureDatabase } from './ensure-database.js';
export { projectionMigrations } from './migrations/index.js';
export { appRole, assignSchemasTo, setRolePassword } from './app-role.js';
export { copyRows, copyText, encodeCopyText, type CopyValue } from './runner/copy-rows.js';
export {
  adaptiveBatchLimit,
  catchUp,
  catchUpAll,
  projectionDurable,
  type CatchUpOptions,
} from './projection-host.js';
export {
  ProjectionLease,
  projectionLeaseKeys,
  type ProjectionLeaseOptions,
} from './lease/projection-lease.js';
export {
  createAppDatabases,
  type AppDatabases,
  type AppDatabaseSettings,
} from './app-databases.js';
export { registerReplicaLagMetric, readReplicaLagSeconds, replicaLagSql } from './replica-lag.js';
export {
  DatabaseHolder,
  DatabaseUnavailableError,
  checkPostgres,
  type DatabaseHolderOptions,
} from './database-holder.js';
export { rebuildWithShadows, type ShadowRebuildOptions } from './shadow/rebuild.js';
export { swapShadowTables, type SwapOutcome } from './shadow/swap-shadow.js';
export { createShadowTables, dropShadowTables, shadowCheckpoint } from './shadow/shadow-tables.js';
