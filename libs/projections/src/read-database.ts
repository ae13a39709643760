import type { Logger } from '@kd/observability';
import { DatabaseHolder } from './database-holder.js';

export interface ReadDatabaseOptions {
  /** `DATABASE_READ_URL`: a streaming replica; unset, the reads go to the primary. */
  url: string | undefined;
  primary: DatabaseHolder;
  applicationName: string;
  statementTimeoutMs: number;
  logger: Logger;
}

/**
 * The pool for analytics reads (insights, `/kaltura-stats`, the business gauges): a read replica
 * when `DATABASE_READ_URL` names one, otherwise the primary's own pool. Never migrated: a
 * replica is read-only and follows the primary's schema.
 */
export function readDatabase(options: ReadDatabaseOptions): DatabaseHolder {
  if (!options.url) return options.primary;
  return new DatabaseHolder({
    url: options.url,
    applicationName: `${options.applicationName}-read`,
    statementTimeoutMs: options.statementTimeoutMs,
    logger: options.logger.child({ database: 'read replica' }),
  });
}
