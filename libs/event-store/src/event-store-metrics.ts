import { Counter, type Histogram, type Registry } from 'prom-client';
import { exemplarHistogram, metricOnce } from '@kd/observability';

export interface EventStoreMetrics {
  published: Counter<'type'>;
  publishDuration: Histogram;
}

export function createEventStoreMetrics(registry: Registry): EventStoreMetrics {
  return {
    published: metricOnce(
      registry,
      'kd_events_published_total',
      (registers) =>
        new Counter({
          name: 'kd_events_published_total',
          help: 'Events appended to the event stream (duplicates excluded), by event type',
          labelNames: ['type'],
          registers,
        }),
    ),
    publishDuration: metricOnce(registry, 'kd_event_publish_duration_seconds', (registers) =>
      exemplarHistogram({
        name: 'kd_event_publish_duration_seconds',
        help: 'Time from append call to JetStream acknowledgement',
        buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 2.5, 5, 10, 30],
        registers,
      }),
    ),
  };
}
