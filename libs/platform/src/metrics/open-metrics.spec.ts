import { describe, expect, it } from '@jest/globals';
import { Counter, Registry } from 'prom-client';
import { exemplarHistogram } from '@kd/observability';
import { openMetricsText, wantsOpenMetrics } from './open-metrics.js';

describe('OpenMetrics exposition', () => {
  function registry() {
    const registry = new Registry();
    registry.setDefaultLabels({ app: 'api' });
    const counter = new Counter({ name: 'kd_x_total', help: 'x', registers: [registry] });
    const histogram = exemplarHistogram({
      name: 'kd_x_seconds',
      help: 'x',
      buckets: [0.1, 1],
      registers: [registry],
    });
    counter.inc();
    histogram.observe({ labels: {}, value: 0.5, exemplarLabels: { trace_id: 'abc123' } });
    return registry;
  }

  it('carries the exemplar on the bucket the observation fell in, and ends with # EOF', async () => {
    const text = await openMetricsText(registry(), { app: 'api' });
    expect(text).toMatch(
      /^kd_x_seconds_bucket\{le="1",app="api"\} 1 # \{trace_id="abc123"\} 0\.5 /m,
    );
    expect(text).toMatch(/^# TYPE kd_x counter$/m);
    expect(text).toMatch(/^kd_x_total\{app="api"\} 1$/m);
    expect(text.endsWith('# EOF\n')).toBe(true);
  });

  it('leaves the classic text as it was: same counter name, no exemplars', async () => {
    const source = registry();
    await openMetricsText(source, { app: 'api' });
    const classic = await source.metrics();
    expect(classic).toMatch(/^kd_x_total\{app="api"\} 1$/m);
    expect(classic).toMatch(/^# TYPE kd_x_total counter$/m);
    expect(classic).not.toContain('trace_id');
  });

  it('is chosen by the Accept header Prometheus sends with exemplar storage on', () => {
    expect(wantsOpenMetrics('application/openmetrics-text;version=1.0.0,text/plain;q=0.5')).toBe(
      true,
    );
    expect(wantsOpenMetrics('text/plain;version=0.0.4')).toBe(false);
    expect(wantsOpenMetrics(undefined)).toBe(false);
  });
});
