import {
  Histogram,
  type HistogramConfiguration,
  type LabelValues,
  type Registry,
} from 'prom-client';
import { traceExemplar } from '@kd/tracing';

/**
 * A latency histogram whose buckets keep an exemplar: the trace id of a sampled request that
 * landed there, shown on OpenMetrics scrapes only (classic text is unchanged). prom-client refuses
 * exemplars on a classic registry at construction, so the metric is registered afterwards; the
 * `/metrics` controller formats OpenMetrics itself when the scraper asks for it.
 */
export function exemplarHistogram<T extends string>(
  config: HistogramConfiguration<T> & { registers: Registry[] },
): Histogram<T> {
  const histogram = new Histogram<T>({ ...config, registers: [], enableExemplars: true });
  for (const registry of config.registers) registry.registerMetric(histogram);
  return histogram;
}

/** Observes `value` with the active trace id as its exemplar (when a sampled span is active). */
export function observeTraced<T extends string>(
  histogram: Histogram<T>,
  labels: LabelValues<T>,
  value: number,
): void {
  histogram.observe({ labels, value, exemplarLabels: exemplarOf<T>() });
}

/** `startTimer` of an exemplar histogram, the exemplar taken from the span active now. */
export function startTracedTimer<T extends string>(
  histogram: Histogram<T>,
  labels: LabelValues<T> = {},
): () => number {
  const end = histogram.startTimer(labels, exemplarOf<T>());
  return () => end();
}

/** prom-client types exemplar labels like the metric's own labels; ours is `trace_id`. */
function exemplarOf<T extends string>(): LabelValues<T> {
  return (traceExemplar() ?? {}) as LabelValues<T>;
}
