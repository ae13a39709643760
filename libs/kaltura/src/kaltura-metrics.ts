import { Counter, Histogram, type Registry } from 'prom-client';

/**
 * `not_found`: Kaltura answered that the object does not exist where the call expects that answer
 * (`user.get` of someone not yet added): a normal answer, not a failure. `api_error`: any other
 * Kaltura error answer. `unavailable`: no usable answer (transport, HTTP status, timeout).
 */
export type KalturaOutcome = 'ok' | 'not_found' | 'api_error' | 'unavailable';

export interface KalturaMetrics {
  requests: Counter<'service' | 'action' | 'outcome'>;
  duration: Histogram<'service' | 'action'>;
}

/** One count and one duration per HTTP attempt (a retried read counts each attempt). */
export function createKalturaMetrics(registry: Registry): KalturaMetrics {
  return {
    requests: new Counter({
      name: 'kd_kaltura_requests_total',
      help: 'Kaltura API v3 requests by service, action and outcome (ok, not_found, api_error, unavailable)',
      labelNames: ['service', 'action', 'outcome'],
      registers: [registry],
    }),
    duration: new Histogram({
      name: 'kd_kaltura_request_duration_seconds',
      help: 'Kaltura API v3 request duration, per attempt',
      labelNames: ['service', 'action'],
      // 5 s: KALTURA_TIMEOUT_MS by default.
      buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 3, 5, 10, 30],
      registers: [registry],
    }),
  };
}
