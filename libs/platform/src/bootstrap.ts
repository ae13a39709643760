import type { Server } from 'node:http';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { NestPinoLogger, type Logger } from '@kd/observability';
import { JsonExceptionFilter } from './http/json-exception.filter.js';
import { httpMetricsMiddleware } from './http/http-metrics.js';
import { correlationMiddleware } from './http/correlation.middleware.js';
import { tracingMiddleware } from './http/tracing.middleware.js';
import { bodyHeaderGuard, bodyShapeGuard } from './http/body-guards.js';
import { jsonClientErrors } from './http/client-errors.js';
import { rawBodyCapture } from './http/raw-body.middleware.js';

export interface HttpAppOptions {
  logger: Logger;
  port: number;
  /** Keep the raw request bytes (signature checks on /interactions and /webhooks). */
  rawBody?: boolean;
  bodyLimit?: string;
  /** Paths whose body is kept raw whatever its Content-Type (signed webhooks). */
  rawBodyRoutes?: string[];
  /** Time for a whole request, headers and body (Node's default is 5 minutes). */
  requestTimeoutMs: number;
}

/**
 * Creates a Nest HTTP app with our logger, JSON errors, shutdown hooks and guarded bodies: a size
 * limit (answered before reading when the declared length is over it), UTF-8 only, at most
 * 32 levels deep and no text PostgreSQL cannot store.
 */
export async function createHttpApp(
  module: unknown,
  options: HttpAppOptions,
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(module as never, {
    logger: new NestPinoLogger(options.logger),
    rawBody: options.rawBody ?? false,
    bodyParser: true,
  });
  app.use(tracingMiddleware());
  app.use(correlationMiddleware());
  app.use(httpMetricsMiddleware());
  const limit = options.bodyLimit ?? '64kb';
  app.use(bodyHeaderGuard(limit));
  for (const route of options.rawBodyRoutes ?? []) app.use(route, rawBodyCapture(limit));
  app.useBodyParser('json', { limit });
  app.useBodyParser('urlencoded', { limit, extended: false });
  app.use(bodyShapeGuard());
  app.useGlobalFilters(new JsonExceptionFilter(options.logger));
  app.enableShutdownHooks();
  return app;
}

export async function listen(
  app: NestExpressApplication,
  options: HttpAppOptions,
): Promise<string> {
  const server = app.getHttpServer();
  jsonClientErrors(server);
  limitRequestTime(server, options.requestTimeoutMs);
  await app.listen(options.port, '0.0.0.0');
  const url = await app.getUrl();
  options.logger.info({ url }, 'listening');
  return url;
}

/**
 * Slow clients (slowloris) hold a connection by trickling headers or a body: Node answers 408
 * (in our JSON shape, see jsonClientErrors) once the whole request took longer than `timeoutMs`,
 * headers alone at most 10 s. Node checks these every `connectionsCheckingInterval` (default 30 s,
 * read when the server starts listening), so that is tightened to match.
 */
function limitRequestTime(server: Server, timeoutMs: number): void {
  server.requestTimeout = timeoutMs;
  server.headersTimeout = Math.min(timeoutMs, 10_000);
  (server as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval =
    Math.min(1_000, Math.ceil(timeoutMs / 4));
}
