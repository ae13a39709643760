import 'reflect-metadata';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createLogger, NestPinoLogger, type Logger } from '@kd/observability';
import type { KalturaSimConfig } from './kaltura-sim.config.js';
import { KalturaSimModule } from './kaltura-sim.module.js';
import { SimExceptionFilter } from './sim-exception.filter.js';

export interface RunningKalturaSim {
  app: INestApplication;
  /** Base URL to use as KALTURA_SERVICE_URL, e.g. `http://127.0.0.1:4010`. */
  url: string;
  config: KalturaSimConfig;
  close(): Promise<void>;
}

/** Starts the simulator in this process (HTTP_PORT 0 = an ephemeral port, for tests). */
export async function createKalturaSim(
  config: KalturaSimConfig,
  options: { host?: string; logger?: Logger } = {},
): Promise<RunningKalturaSim> {
  const logger =
    options.logger ?? createLogger({ service: 'kaltura-sim', level: config.LOG_LEVEL });
  // No body parsers: the API reads bodies itself, honouring Content-Type exactly as Kaltura does.
  const app = await NestFactory.create(KalturaSimModule.forRoot(config, logger), {
    bodyParser: false,
    logger: new NestPinoLogger(logger),
  });
  app.useGlobalFilters(new SimExceptionFilter());
  app.enableShutdownHooks();
  const host = options.host ?? config.KALTURA_SIM_HOST;
  await app.listen(config.HTTP_PORT, host);
  const server = app.getHttpServer() as Server;
  const { port } = server.address() as AddressInfo;
  const url = `http://${host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host}:${port}`;
  return {
    app,
    url,
    config,
    async close() {
      const closing = app.close();
      server.closeAllConnections(); // hung ("hang" fault) and keep-alive connections would hold close() open
      await closing;
    },
  };
}
