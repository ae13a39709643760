import { DiscoveryModule } from '@nestjs/core';
import { Module, type DynamicModule } from '@nestjs/common';
import { register } from 'prom-client';
import { EventStore, NatsClients, checkJetStream, createBackbone } from '@kd/event-store';
import { createCommandRuntime } from '@kd/commands';
import type { Logger } from '@kd/observability';
import { AppPlatformModule, shutdownHook } from '@kd/platform';
import { RevokedTokens } from '@kd/auth';
import { DatabaseHolder, checkPostgres, createAppDatabases } from '@kd/projections';
import type { ApiConfig } from './api.config.js';
import { API_CONFIG, LOGGER, READ_DATABASE, REVOKED_TOKENS } from './api.tokens.js';
import { KalturaWebhookController } from './webhooks/kaltura-webhook.controller.js';
import { KalturaWebhookService } from './webhooks/kaltura-webhook.service.js';
import { ParkedFactsSweeper } from './webhooks/parked-facts.sweeper.js';
import { PeopleLinkSweeper } from './people/people-link.sweeper.js';
import { InteractionsController } from './interactions/interactions.controller.js';
import { InteractionsService } from './interactions/interactions.service.js';
import { CommandRegistrationService } from './interactions/command-registration.service.js';
import { COMMAND_RUNTIME } from './interactions/interactions.tokens.js';
import { GuildConfigController } from './rest/guild-config.controller.js';
import { MeetingsController } from './rest/meetings.controller.js';
import { InsightsController } from './rest/insights.controller.js';
import { InsightsPictureController } from './rest/insights-picture.controller.js';
import { OpenApiController } from './rest/openapi.controller.js';
import { TokensController } from './rest/tokens.controller.js';
import { PeopleController } from './rest/people.controller.js';
import { ForgetSweeper } from './rest/forget.sweeper.js';

@Module({})
export class ApiModule {
  static forRoot(config: ApiConfig, logger: Logger): DynamicModule {
    const { nats, store } = createBackbone(config, { app: 'api', logger, registry: register });
    const databases = createAppDatabases(config, { app: 'api', logger });
    const { db, reads } = databases;
    const runtime = createCommandRuntime({
      store,
      db,
      reads,
      kaltura: config,
      discord: { token: config.DISCORD_TOKEN, apiUrl: config.DISCORD_API_URL },
      logger,
      registry: register,
      live: { subjectPrefix: config.KD_SUBJECT_PREFIX },
      nats,
      startLimits: config,
    });
    const revoked = new RevokedTokens({
      nats,
      stream: config.KD_STREAM,
      subjectPrefix: config.KD_SUBJECT_PREFIX,
      logger,
    });
    return {
      module: ApiModule,
      imports: [
        // The OpenAPI document reads the registered controllers' routes.
        DiscoveryModule,
        AppPlatformModule.forRoot({
          app: 'api',
          settings: config,
          checks: {
            nats: () => checkJetStream(nats),
            postgres: () => checkPostgres(db),
            revocations: async () => {
              if (!revoked.loaded) throw new Error('revocation list not loaded');
            },
          },
        }),
      ],
      controllers: [
        KalturaWebhookController,
        InteractionsController,
        GuildConfigController,
        MeetingsController,
        InsightsController,
        InsightsPictureController,
        OpenApiController,
        TokensController,
        PeopleController,
      ],
      providers: [
        KalturaWebhookService,
        ParkedFactsSweeper,
        PeopleLinkSweeper,
        ForgetSweeper,
        InteractionsService,
        CommandRegistrationService,
        { provide: COMMAND_RUNTIME, useValue: runtime },
        { provide: API_CONFIG, useValue: config },
        { provide: LOGGER, useValue: logger },
        { provide: NatsClients, useValue: nats },
        { provide: DatabaseHolder, useValue: db },
        { provide: READ_DATABASE, useValue: reads },
        { provide: EventStore, useValue: store },
        { provide: REVOKED_TOKENS, useValue: revoked },
        shutdownHook(async () => {
          runtime.close();
          await runtime.people?.whenIdle();
          revoked.close();
          await Promise.all([nats.close(), databases.close()]);
        }),
      ],
      exports: [EventStore, DatabaseHolder, NatsClients, LOGGER, API_CONFIG],
    };
  }
}
