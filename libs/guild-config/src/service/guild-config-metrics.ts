import { Counter, Histogram, type Registry } from 'prom-client';
import { metricOnce } from '@kd/observability';

export interface GuildConfigMetrics {
  lookupDuration: Histogram;
  cacheRequests: Counter<'result'>;
}

export function createGuildConfigMetrics(registry: Registry): GuildConfigMetrics {
  const metrics: GuildConfigMetrics = {
    lookupDuration: metricOnce(
      registry,
      'kd_config_lookup_duration_seconds',
      (registers) =>
        new Histogram({
          name: 'kd_config_lookup_duration_seconds',
          help: 'Time to get a guild effective configuration, cache hits included',
          buckets: [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.1, 0.5],
          registers,
        }),
    ),
    cacheRequests: metricOnce(
      registry,
      'kd_config_cache_requests_total',
      (registers) =>
        new Counter({
          name: 'kd_config_cache_requests_total',
          help: 'Guild configuration cache lookups by result (hit, miss)',
          labelNames: ['result'],
          registers,
        }),
    ),
  };
  // Both series from the start, so a hit-rate alert can tell "no misses" from "no data".
  metrics.cacheRequests.inc({ result: 'hit' }, 0);
  metrics.cacheRequests.inc({ result: 'miss' }, 0);
  return metrics;
}
