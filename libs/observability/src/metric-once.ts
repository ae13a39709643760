import type { Metric, Registry } from 'prom-client';

/**
 * Returns the metric already registered under `name`, or registers a new one. Several modules of
 * one process (or several apps started in one process) may ask for the same metric.
 */
export function metricOnce<T extends Metric>(
  registry: Registry,
  name: string,
  create: (registers: Registry[]) => T,
): T {
  return (registry.getSingleMetric(name) as T | undefined) ?? create([registry]);
}
