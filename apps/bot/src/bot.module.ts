import { Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { register } from 'prom-client';
import { EventStore, NatsClients, checkJetStream, createEventStoreMetrics } from '@kd/event-store';
import type { Logger } from '@kd/observability';
import { HealthModule, MetricsModule, type HealthChecks } from '@kd/platform';
import type { BotConfig } from './bot.config.js';
import { BOT_CONFIG, DISCORD_GATEWAY, LOGGER } from './bot.tokens.js';
import { DiscordGateway } from './gateway/discord-gateway.js';
import { GatewayService } from './gateway/gateway.service.js';
import { shardSelection } from './gateway/sharding.js';
import { GuildGatewayHandler } from './guilds/guild-gateway.handler.js';
import { GuildLifecycleService } from './guilds/guild-lifecycle.service.js';
import { MemberCountRefresher } from './guilds/member-count.refresher.js';
import { RecordedGuilds } from './guilds/recorded-guilds.js';
import { GatewayInteractionsService } from './interactions/gateway-interactions.service.js';

class NatsCloser implements OnApplicationShutdown {
  constructor(private readonly nats: NatsClients) {}
  async onApplicationShutdown(): Promise<void> {
    await this.nats.close();
  }
}

/** The bot needs NATS (it appends events) and Discord; it reads no read model, so no PostgreSQL. */
@Module({})
export class BotModule {
  static forRoot(config: BotConfig, logger: Logger): DynamicModule {
    const nats = new NatsClients({
      url: config.NATS_URL,
      name: 'kd-bot',
      logger,
      stream: config.KD_STREAM,
      subjectPrefix: config.KD_SUBJECT_PREFIX,
    });
    const store = new EventStore({
      nats,
      stream: config.KD_STREAM,
      subjectPrefix: config.KD_SUBJECT_PREFIX,
      metrics: createEventStoreMetrics(register),
    });
    const gateway = config.DISCORD_TOKEN
      ? new DiscordGateway({
          token: config.DISCORD_TOKEN,
          apiUrl: config.DISCORD_API_URL,
          shards: shardSelection(config),
          logger,
        })
      : null;
    const checks: HealthChecks = { nats: () => checkJetStream(nats) };
    if (gateway) checks.discord = () => gateway.check();
    return {
      module: BotModule,
      imports: [
        MetricsModule.forRoot({
          service: 'bot',
          enabled: config.METRICS_ENABLED,
          basicAuth: config.METRICS_BASIC_AUTH,
        }),
        HealthModule.forRoot(checks),
      ],
      providers: [
        { provide: BOT_CONFIG, useValue: config },
        { provide: LOGGER, useValue: logger },
        { provide: NatsClients, useValue: nats },
        { provide: EventStore, useValue: store },
        { provide: DISCORD_GATEWAY, useValue: gateway },
        { provide: NatsCloser, useFactory: () => new NatsCloser(nats) },
        GuildLifecycleService,
        RecordedGuilds,
        GuildGatewayHandler,
        MemberCountRefresher,
        GatewayInteractionsService,
        GatewayService,
      ],
    };
  }
}
