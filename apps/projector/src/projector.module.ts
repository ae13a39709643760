import { Module, type DynamicModule } from '@nestjs/common';
import { register } from 'prom-client';
import { NatsClients, checkJetStream, createNatsClients } from '@kd/event-store';
import { createBusinessMetrics } from '@kd/analytics';
import type { Logger } from '@kd/observability';
import { AppPlatformModule } from '@kd/platform';
import {
  DatabaseHolder,
  checkPostgres,
  createAppDatabases,
  registerReplicaLagMetric,
} from '@kd/projections';
import { migrations } from '@kd/read-models';
import type { ProjectorConfig } from './projector.config.js';
import { ProjectorService } from './projector.service.js';
import { LOGGER, PROJECTOR_CONFIG } from './projector.tokens.js';

@Module({})
export class ProjectorModule {
  static forRoot(config: ProjectorConfig, logger: Logger): DynamicModule {
    const nats = createNatsClients(config, { app: 'projector', logger });
    const { db, reads } = createAppDatabases(config, {
      app: 'projector',
      logger,
      // Batches and rebuilds write thousands of rows per statement: a larger bound of their own.
      statementTimeoutMs: config.PROJECTOR_STATEMENT_TIMEOUT_MS,
      migrate: migrations,
    });
    if (config.METRICS_ENABLED && reads !== db) registerReplicaLagMetric(register, reads, logger);
    // Business gauges live here, beside the read models they are computed from (or their replica).
    if (config.METRICS_ENABLED)
      createBusinessMetrics({
        dataSource: () => reads.dataSource,
        registry: register,
        logger,
        ttlMs: config.BUSINESS_METRICS_TTL_MS,
        timeoutMs: config.BUSINESS_METRICS_TIMEOUT_MS,
      });
    return {
      module: ProjectorModule,
      imports: [
        AppPlatformModule.forRoot({
          app: 'projector',
          settings: config,
          checks: { nats: () => checkJetStream(nats), postgres: () => checkPostgres(db) },
        }),
      ],
      providers: [
        { provide: PROJECTOR_CONFIG, useValue: config },
        { provide: LOGGER, useValue: logger },
        { provide: NatsClients, useValue: nats },
        { provide: DatabaseHolder, useValue: db },
        ProjectorService,
      ],
    };
  }
}
