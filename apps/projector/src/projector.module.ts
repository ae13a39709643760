import { Module, type DynamicModule } from '@nestjs/common';
import { register } from 'prom-client';
import { NatsClients, checkJetStream, natsAuthOf } from '@kd/event-store';
import { createBusinessMetrics } from '@kd/analytics';
import type { Logger } from '@kd/observability';
import { HealthModule, MetricsModule } from '@kd/platform';
import {
  DatabaseHolder,
  checkPostgres,
  readDatabase,
  registerReplicaLagMetric,
} from '@kd/projections';
import { migrations } from '@kd/read-models';
import type { ProjectorConfig } from './projector.config.js';
import { ProjectorService } from './projector.service.js';
import { LOGGER, PROJECTOR_CONFIG } from './projector.tokens.js';

@Module({})
export class ProjectorModule {
  static forRoot(config: ProjectorConfig, logger: Logger): DynamicModule {
    const nats = new NatsClients({
      url: config.NATS_URL,
      auth: natsAuthOf(config),
      name: 'kd-projector',
      logger,
      stream: config.KD_STREAM,
      subjectPrefix: config.KD_SUBJECT_PREFIX,
      replicas: config.KD_STREAM_REPLICAS,
    });
    const db = new DatabaseHolder({
      url: config.DATABASE_URL,
      applicationName: 'kd-projector',
      // Batches and rebuilds write thousands of rows per statement: a larger bound of their own.
      statementTimeoutMs: config.PROJECTOR_STATEMENT_TIMEOUT_MS,
      logger,
      migrate: migrations,
    });
    const reads = readDatabase({
      url: config.DATABASE_READ_URL,
      primary: db,
      applicationName: 'kd-projector',
      statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS,
      logger,
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
        MetricsModule.forRoot({
          service: 'projector',
          enabled: config.METRICS_ENABLED,
          basicAuth: config.METRICS_BASIC_AUTH,
        }),
        HealthModule.forRoot({
          nats: () => checkJetStream(nats),
          postgres: () => checkPostgres(db),
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
