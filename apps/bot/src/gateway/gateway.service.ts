import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { Events, type Client } from 'discord.js';
import { withCorrelation, type Logger } from '@kd/observability';
import { DISCORD_GATEWAY, LOGGER } from '../bot.tokens.js';
import { GuildGatewayHandler } from '../guilds/guild-gateway.handler.js';
import { MemberCountRefresher } from '../guilds/member-count.refresher.js';
import { GatewayInteractionsService } from '../interactions/gateway-interactions.service.js';
import { ScheduledEventChangesHandler } from '../scheduled-events/scheduled-event-changes.handler.js';
import { listenToScheduledEvents } from '../scheduled-events/listen-to-scheduled-events.js';
import type { DiscordGateway } from './discord-gateway.js';
import {
  gatewayEventsTotal,
  instrumentDiscordRest,
  registerGuildsCachedGauge,
} from './gateway-metrics.js';

const drainGraceMs = 5000;

/** Connects to the gateway and routes its events; without DISCORD_TOKEN it stays idle. */
@Injectable()
export class GatewayService implements BeforeApplicationShutdown {
  private readonly events = gatewayEventsTotal();
  private stopping = false;

  constructor(
    @Inject(DISCORD_GATEWAY) private readonly gateway: DiscordGateway | null,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly guilds: GuildGatewayHandler,
    private readonly refresher: MemberCountRefresher,
    private readonly interactions: GatewayInteractionsService,
    private readonly scheduledEvents: ScheduledEventChangesHandler,
  ) {
    registerGuildsCachedGauge(() => gateway?.client?.guilds.cache.size ?? 0);
  }

  start(): void {
    if (!this.gateway) {
      this.logger.warn('DISCORD_TOKEN is not set: the Discord gateway is disabled');
      return;
    }
    this.gateway.start((client) => this.listen(client));
  }

  /** Stop taking gateway events, then let the guild changes already under way finish. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.refresher.stop();
    await this.gateway?.stop();
    const grace = new Promise((r) => setTimeout(r, drainGraceMs).unref());
    await Promise.race([this.guilds.drain(), grace]);
  }

  private listen(client: Client): void {
    instrumentDiscordRest(client);
    client.on('raw', (packet: { t?: string | null }) => {
      if (packet.t) this.events.inc({ type: packet.t });
    });
    client.once(Events.ClientReady, (ready) => void this.onReady(ready));
    client.on(Events.GuildCreate, (guild) => void this.guilds.joined(guild));
    client.on(Events.GuildAvailable, (guild) => {
      // Before ready this is the start-up GUILD_CREATE, which the backfill covers.
      if (client.isReady()) void this.guilds.available(guild);
    });
    client.on(Events.GuildDelete, (guild) => void this.guilds.removed(guild));
    client.on(Events.GuildUnavailable, (guild) =>
      this.logger.warn(
        { guildId: guild.id, shard: guild.shardId },
        'guild unavailable (Discord outage), not an uninstall',
      ),
    );
    client.on(Events.InteractionCreate, (interaction) =>
      withCorrelation(
        { correlationId: randomUUID(), guildId: interaction.guildId ?? undefined },
        () => void this.interactions.handle(interaction),
      ),
    );
    listenToScheduledEvents(client, this.scheduledEvents, this.logger);
    this.logShards(client);
  }

  private async onReady(client: Client<true>): Promise<void> {
    const shards = [...client.ws.shards.keys()];
    this.logger.info(
      { shards, shardCount: client.options.shardCount, guilds: client.guilds.cache.size },
      'gateway ready',
    );
    await withCorrelation({ correlationId: randomUUID() }, () => this.guilds.backfill(client));
    this.refresher.start(client);
  }

  private logShards(client: Client): void {
    client.on(Events.ShardReady, (shard, unavailable) =>
      this.logger.info({ shard, unavailableGuilds: unavailable?.size ?? 0 }, 'shard ready'),
    );
    client.on(Events.ShardDisconnect, (event, shard) =>
      this.logger.warn({ shard, code: event.code }, 'shard disconnected'),
    );
    client.on(Events.ShardReconnecting, (shard) => {
      if (!this.stopping) this.logger.info({ shard }, 'shard reconnecting');
    });
    client.on(Events.ShardResume, (shard, replayed) =>
      this.logger.info({ shard, replayed }, 'shard resumed'),
    );
    client.on(Events.Error, (error) => this.logger.error({ err: String(error) }, 'gateway error'));
    client.on(Events.Warn, (message) => this.logger.warn({ detail: message }, 'gateway warning'));
  }
}
