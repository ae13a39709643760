import { Module, type DynamicModule } from '@nestjs/common';
import { register } from 'prom-client';
import { EventStore, NatsClients, checkJetStream, createBackbone } from '@kd/event-store';
import { createCommandRuntime } from '@kd/commands';
import type { Logger } from '@kd/observability';
import { DatabaseHolder, createAppDatabases } from '@kd/projections';
import { AppPlatformModule, shutdownHook, type HealthChecks } from '@kd/platform';
import type { BotConfig } from './bot.config.js';
import { BOT_CONFIG, COMMAND_RUNTIME, DISCORD_GATEWAY, LOGGER } from './bot.tokens.js';
import { DiscordGateway } from './gateway/discord-gateway.js';
import { GatewayService } from './gateway/gateway.service.js';
import { shardSelection } from './gateway/sharding.js';
import { GuildGatewayHandler } from './guilds/guild-gateway.handler.js';
import { GuildLifecycleService } from './guilds/guild-lifecycle.service.js';
import { MemberCountRefresher } from './guilds/member-count.refresher.js';
import { RecordedGuilds } from './guilds/recorded-guilds.js';
import { GatewayInteractionsService } from './interactions/gateway-interactions.service.js';
import { ScheduledEventChangesHandler } from './scheduled-events/scheduled-event-changes.handler.js';

/**
 * The bot appends guild lifecycle events (NATS) and serves slash commands arriving over the
 * gateway with the shared handlers, which read the meetings read model (PostgreSQL).
 */
@Module({})
export class BotModule {
  static forRoot(config: BotConfig, logger: Logger): DynamicModule {
    const { nats, store } = createBackbone(config, { app: 'bot', logger, registry: register });
    const gateway = config.DISCORD_TOKEN
      ? new DiscordGateway({
          token: config.DISCORD_TOKEN,
          apiUrl: config.DISCORD_API_URL,
          shards: shardSelection(config),
          logger,
        })
      : null;
    const databases = createAppDatabases(config, { app: 'bot', logger, poolSize: 4 });
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
    const checks: HealthChecks = { nats: () => checkJetStream(nats) };
    if (gateway) checks.discord = () => gateway.check();
    return {
      module: BotModule,
      imports: [AppPlatformModule.forRoot({ app: 'bot', settings: config, checks })],
      providers: [
        { provide: BOT_CONFIG, useValue: config },
        { provide: LOGGER, useValue: logger },
        { provide: NatsClients, useValue: nats },
        { provide: EventStore, useValue: store },
        { provide: DISCORD_GATEWAY, useValue: gateway },
        { provide: DatabaseHolder, useValue: db },
        { provide: COMMAND_RUNTIME, useValue: runtime },
        shutdownHook(async () => {
          runtime.close();
          await runtime.people?.whenIdle();
          await Promise.all([nats.close(), databases.close()]);
        }),
        GuildLifecycleService,
        RecordedGuilds,
        GuildGatewayHandler,
        MemberCountRefresher,
        GatewayInteractionsService,
        ScheduledEventChangesHandler,
        GatewayService,
      ],
    };
  }
}
