import type { DataSource } from 'typeorm';
import type { Registry } from 'prom-client';
import { systemClock, type Clock } from '@kd/events';
import type { Logger } from '@kd/observability';
import { registerBusinessGauges, createSnapshotMetrics } from './business-gauges.js';
import { CachedSnapshot } from './cached-snapshot.js';
import { readInstallSummary, type InstallSummary } from './install-summary.query.js';

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
export function createBusinessMetrics(
  options: BusinessMetricsOptions,
): CachedSnapshot<InstallSummary> {
  const timeoutMs = options.timeoutMs ?? 2_000;
  const clock = options.clock ?? systemClock;
  const logger = options.logger.child({ context: 'BusinessMetrics' });
  const snapshot = new CachedSnapshot<InstallSummary>({
    load: () => readInstallSummary(options.dataSource(), { timeoutMs, now: clock() }),
    ttlMs: options.ttlMs ?? 15_000,
    // A scrape never waits for the summary queries (hundreds of ms on a large install).
    background: true,
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
