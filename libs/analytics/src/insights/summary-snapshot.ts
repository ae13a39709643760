import type { DataSource } from 'typeorm';
import { systemClock, type Clock } from '@kd/events';
import { CachedSnapshot } from './cached-snapshot.js';
import { readInstallSummary, type InstallSummary } from './install-summary.query.js';

/** The install summary and the instant it was evaluated at. */
export interface SummaryAt {
  summary: InstallSummary;
  at: Date;
}

export interface SummarySnapshotOptions {
  /** Resolved on each load, so the pool may connect after start. */
  dataSource: () => Pick<DataSource, 'transaction'>;
  /** How long a computed summary is served (default 15 s, a typical scrape interval). */
  ttlMs?: number;
  /** Statement timeout of the summary queries (default 2 s). */
  timeoutMs?: number;
  /** The instant the summary is evaluated at (default the system clock). */
  clock?: Clock;
  onSuccess?: (value: SummaryAt, durationMs: number) => void;
  onError?: (error: unknown) => void;
}

/**
 * The one cache of the install summary: the projector's business gauges and the api's
 * `GET /api/v1/metrics/summary` both serve it. Reloaded at most once per TTL, in the background
 * once a value exists, so a scrape or a request never waits for the summary queries (hundreds of
 * ms on a large install).
 */
export function summarySnapshot(options: SummarySnapshotOptions): CachedSnapshot<SummaryAt> {
  const timeoutMs = options.timeoutMs ?? 2_000;
  const clock = options.clock ?? systemClock;
  return new CachedSnapshot<SummaryAt>({
    load: async () => {
      const at = clock();
      return {
        summary: await readInstallSummary(options.dataSource(), { timeoutMs, now: at }),
        at,
      };
    },
    ttlMs: options.ttlMs ?? 15_000,
    background: true,
    ...(options.onSuccess && { onSuccess: options.onSuccess }),
    ...(options.onError && { onError: options.onError }),
  });
}
