import type { NestExpressApplication } from '@nestjs/platform-express';
import type { z } from 'zod';
import { loadConfigOrExit, type logLevels } from '@kd/config';
import { configSecrets, createLogger, type Logger } from '@kd/observability';
import { startTracing } from '@kd/tracing';
import { withShutdown } from './lifecycle/with-shutdown.js';
import { createHttpApp, listen, type HttpAppOptions } from './bootstrap.js';

/** What every HTTP app's configuration has (`commonEnv` plus a port). */
type HttpAppConfig = {
  LOG_LEVEL: (typeof logLevels)[number];
  HTTP_PORT: number;
  HTTP_REQUEST_TIMEOUT_MS: number;
};

export interface RunHttpAppOptions<S extends z.ZodType<HttpAppConfig>> {
  service: string;
  schema: S;
  module(config: z.output<S>, logger: Logger): unknown;
  /** HTTP options beyond port, logger and request timeout (raw bodies, body limit). */
  http?(config: z.output<S>): Partial<HttpAppOptions>;
  /** Before listening: extra middleware. */
  configure?(app: NestExpressApplication, config: z.output<S>): void;
  /** Once listening: start consumers, gateways. */
  started?(app: NestExpressApplication, config: z.output<S>, logger: Logger): Promise<void> | void;
}

/**
 * The start-up every app shares: tracing when OTEL_EXPORTER_OTLP_ENDPOINT is set, validated configuration (exit with every problem named), a JSON
 * logger that scrubs the configuration's secrets, the HTTP app (health, metrics, JSON errors,
 * body guards, request timeout), then the app's own start. A failed start logs one fatal line
 * and exits 1.
 */
export function runHttpApp<S extends z.ZodType<HttpAppConfig>>(options: RunHttpAppOptions<S>) {
  const { service } = options;
  const start = async () => {
    // First, so every span of the start-up already has somewhere to go.
    const tracing = await startTracing({ service });
    const config = loadConfigOrExit(service, options.schema);
    const logger = createLogger({
      service,
      level: config.LOG_LEVEL,
      secrets: configSecrets(config),
    });
    const http: HttpAppOptions = {
      logger,
      port: config.HTTP_PORT,
      requestTimeoutMs: config.HTTP_REQUEST_TIMEOUT_MS,
      ...options.http?.(config),
    };
    const module = options.module(config, logger);
    const app = await createHttpApp(
      tracing ? withShutdown(module, () => tracing.shutdown()) : module,
      http,
    );
    options.configure?.(app, config);
    await listen(app, http);
    await options.started?.(app, config, logger);
  };
  start().catch((error: unknown) => {
    const line = { level: 'fatal', service, message: 'start-up failed', err: String(error) };
    process.stderr.write(`${JSON.stringify(line)}\n`);
    process.exit(1);
  });
}
