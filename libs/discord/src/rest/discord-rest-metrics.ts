import { Counter, Histogram, type Registry } from 'prom-client';
import { metricOnce } from '@kd/observability';

export interface DiscordRestMetrics {
  requests: Counter<'route' | 'status_class'>;
  rateLimited: Counter<'scope'>;
  duration: Histogram<'route'>;
}

/** One count per HTTP attempt: a request retried after a 429 or a 5xx counts each attempt. */
export function createDiscordRestMetrics(registry: Registry): DiscordRestMetrics {
  return {
    requests: metricOnce(
      registry,
      'kd_discord_requests_total',
      (registers) =>
        new Counter({
          name: 'kd_discord_requests_total',
          help: 'Discord REST API responses (each attempt), by route template and status class',
          labelNames: ['route', 'status_class'],
          registers,
        }),
    ),
    rateLimited: metricOnce(
      registry,
      'kd_discord_rate_limited_total',
      (registers) =>
        new Counter({
          name: 'kd_discord_rate_limited_total',
          help: 'Discord REST 429 responses, by X-RateLimit-Scope (user, global, shared)',
          labelNames: ['scope'],
          registers,
        }),
    ),
    duration: metricOnce(
      registry,
      'kd_discord_request_duration_seconds',
      (registers) =>
        new Histogram({
          name: 'kd_discord_request_duration_seconds',
          help: 'Discord REST API request duration per attempt, until the response headers',
          labelNames: ['route'],
          // 10 s: NOTIFY_REQUEST_TIMEOUT_MS; 30 s: a long rate-limit wait.
          buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 3, 5, 10, 15, 30],
          registers,
        }),
    ),
  };
}
