import { Counter, Gauge, type Histogram, type Registry } from 'prom-client';
import { exemplarHistogram, metricOnce } from '@kd/observability';

export interface ProjectionMetrics {
  applied: Counter<'projection'>;
  deadLetters: Counter<'projection'>;
  lagEvents: Gauge<'projection'>;
  lagSeconds: Gauge<'projection'>;
  checkpoint: Gauge<'projection'>;
  batchDuration: Histogram<'projection'>;
}

const labelNames = ['projection'] as const;

export function createProjectionMetrics(registry: Registry): ProjectionMetrics {
  const counter = (name: string, help: string) =>
    metricOnce(registry, name, (registers) => new Counter({ name, help, labelNames, registers }));
  const gauge = (name: string, help: string) =>
    metricOnce(registry, name, (registers) => new Gauge({ name, help, labelNames, registers }));
  return {
    applied: counter('kd_projection_events_total', 'Events applied to a projection'),
    deadLetters: counter(
      'kd_projection_dead_letters_total',
      'Events a projection could not apply, parked in kd.projection_dead_letters',
    ),
    lagEvents: gauge(
      'kd_projection_lag_events',
      'Events in the stream not yet applied by a projection',
    ),
    lagSeconds: gauge(
      'kd_projection_lag_seconds',
      'How long the newest applied event waited since it was recorded, while behind; 0 when caught up',
    ),
    checkpoint: gauge(
      'kd_projection_checkpoint_seq',
      'Last stream sequence applied by a projection',
    ),
    batchDuration: metricOnce(registry, 'kd_projection_batch_duration_seconds', (registers) =>
      exemplarHistogram({
        name: 'kd_projection_batch_duration_seconds',
        help: 'Time to apply and commit one batch',
        labelNames,
        buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
        registers,
      }),
    ),
  };
}
