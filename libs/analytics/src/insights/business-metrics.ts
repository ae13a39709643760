import type { DataSource } from 'typeorm';
import type { Registry } from 'prom-client';
import { systemClock, type Clock } from '@kd/events';
import type { Logger } from '@kd/observability';
import { registerBusinessGauges, createSnapshotMetrics } from './business-gauges.js';
import type { CachedSnapshot } from './cached-snapshot.js';
import { summarySnapshot, type SummaryAt } from './summary-snapshot.js';

export interface BusinessMetricsOptions {
  /** Resolved on each load, so the pool may connect after start. */
  dataSource: () => Pick<DataSource, 'transaction'>;
  registry: Registry;
  logger: Logger;
  /** How long a computed summary is served (default 15 s, a typical scrape interval). */
  ttlMs?: number;
  /** Statement timeout of the summary queries (default 2 s). */
  timeoutMs?: number;
  /** The instant the summary is evaluated at (default the system clock). */
  clock?: Clock;
}

/** The install summary, cached, exported as Prometheus business gauges; also read by the API. */
export function createBusinessMetrics(options: BusinessMetricsOptions): CachedSnapshot<SummaryAt> {
  const clock = options.clock ?? systemClock;
  const logger = options.logger.child({ context: 'BusinessMetrics' });
  const snapshot = summarySnapshot({
    dataSource: options.dataSource,
    clock,
    ...(options.ttlMs !== undefined && { ttlMs: options.ttlMs }),
    ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
    onSuccess: (_value, durationMs) => {
      metrics.duration.observe(durationMs / 1000);
      metrics.lastSuccess.set(clock().getTime() / 1000);
    },
    onError: (error) => {
      metrics.errors.inc();
      logger.warn({ err: String(error) }, 'business metrics query failed; keeping the last values');
    },
  });
  const metrics = createSnapshotMetrics(options.registry, () => snapshot);
  registerBusinessGauges(options.registry, snapshot);
  return snapshot;
}
