import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

export interface ProjectionMetrics {
  applied: Counter<'projection'>;
  deadLetters: Counter<'projection'>;
  lagEvents: Gauge<'projection'>;
  lagSeconds: Gauge<'projection'>;
  checkpoint: Gauge<'projection'>;
  batchDuration: Histogram<'projection'>;
}

export function createProjectionMetrics(registry: Registry): ProjectionMetrics {
  const registers = [registry];
  return {
    applied: new Counter({ name: 'kd_projection_events_total', help: 'Events applied to a projection', labelNames: ['projection'], registers }),
    deadLetters: new Counter({
      name: 'kd_projection_dead_letters_total',
      help: 'Events a projection could not apply and parked in kd.projection_dead_letters',
      labelNames: ['projection'],
      registers,
    }),
    lagEvents: new Gauge({ name: 'kd_projection_lag_events', help: 'Events in the stream not yet applied by a projection', labelNames: ['projection'], registers }),
    lagSeconds: new Gauge({
      name: 'kd_projection_lag_seconds',
      help: 'Age (since it was recorded) of the newest event a projection applied while behind; 0 when caught up',
      labelNames: ['projection'],
      registers,
    }),
    checkpoint: new Gauge({ name: 'kd_projection_checkpoint_seq', help: 'Last stream sequence applied by a projection', labelNames: ['projection'], registers }),
    batchDuration: new Histogram({
      name: 'kd_projection_batch_duration_seconds',
      help: 'Time to apply and commit one batch',
      labelNames: ['projection'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    }),
  };
}
