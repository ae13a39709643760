import type { NextFunction, Request, Response } from 'express';
import { Counter, register } from 'prom-client';
import { exemplarHistogram, metricOnce } from '@kd/observability';
import { traceExemplar } from '@kd/tracing';

const requests = () =>
  metricOnce(
    register,
    'kd_http_requests_total',
    (registers) =>
      new Counter({
        name: 'kd_http_requests_total',
        help: 'HTTP requests served, by route template and status class',
        labelNames: ['method', 'route', 'status_class'],
        registers,
      }),
  );
const duration = () =>
  metricOnce(register, 'kd_http_request_duration_seconds', (registers) =>
    exemplarHistogram({
      name: 'kd_http_request_duration_seconds',
      help: 'HTTP request duration, by route template',
      labelNames: ['method', 'route'],
      // Up to HTTP_REQUEST_TIMEOUT_MS (30 s); 3 s is Discord's deadline for an interaction answer.
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 3, 5, 10, 30],
      registers,
    }),
  );

/**
 * RED metrics per route. The label is the matched route template (`/api/v1/guilds/:id`), never
 * the raw path, so ids cannot explode the series count; unmatched paths share one label.
 */
export function httpMetricsMiddleware() {
  const counter = requests();
  const histogram = duration();
  return (request: Request, response: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    // Taken now: the request's span is active here, not in the 'close' listener.
    const exemplar = traceExemplar() ?? {};
    // 'close', not 'finish': a request whose client went away before the answer was written was
    // still handled (its event stored) and is counted with the status the server chose.
    response.once('close', () => {
      const routePath = (request.route as { path?: string } | undefined)?.path;
      const route = routePath ? `${request.baseUrl}${routePath}` : 'unmatched';
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      counter.inc({
        method: request.method,
        route,
        status_class: `${Math.floor(response.statusCode / 100)}xx`,
      });
      histogram.observe({
        labels: { method: request.method, route },
        value: seconds,
        exemplarLabels: exemplar,
      });
    });
    next();
  };
}
