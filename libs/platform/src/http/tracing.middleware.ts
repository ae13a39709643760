import {
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  context,
  propagation,
  trace,
} from '@opentelemetry/api';
import type { NextFunction, Request, Response } from 'express';
import { kdTracer, tracingEnabled } from '@kd/tracing';

/**
 * A server span per request (interactions, webhooks, the REST API, health), continuing the
 * caller's trace when it sent a W3C `traceparent`. Named after the matched route template once
 * the response is done, like the HTTP metrics. Nothing is installed while tracing is off.
 */
export function tracingMiddleware() {
  if (!tracingEnabled())
    return (_request: Request, _response: Response, next: NextFunction) => next();
  const tracer = kdTracer();
  return (request: Request, response: Response, next: NextFunction): void => {
    const parent = propagation.extract(ROOT_CONTEXT, request.headers);
    const span = tracer.startSpan(
      request.method,
      {
        kind: SpanKind.SERVER,
        attributes: { 'http.request.method': request.method, 'url.path': request.path },
      },
      parent,
    );
    response.once('close', () => {
      const routePath = (request.route as { path?: string } | undefined)?.path;
      const route = routePath ? `${request.baseUrl}${routePath}` : undefined;
      if (route) {
        span.updateName(`${request.method} ${route}`);
        span.setAttribute('http.route', route);
      }
      span.setAttribute('http.response.status_code', response.statusCode);
      if (response.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    context.with(trace.setSpan(parent, span), next);
  };
}
