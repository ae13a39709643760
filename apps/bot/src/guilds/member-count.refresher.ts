import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  DiscordAPIError,
  Routes,
  makeURLSearchParams,
  type Client,
  type Guild,
  type RESTGetAPIGuildResult,
} from 'discord.js';
import { CLOCK, type Clock } from '@kd/events';
import { withCorrelation, type Logger } from '@kd/observability';
import type { BotConfig } from '../bot.config.js';
import { BOT_CONFIG, LOGGER } from '../bot.tokens.js';
import { GuildLifecycleService } from './guild-lifecycle.service.js';

/**
 * With only the GUILDS intent Discord sends no member joins or leaves, so counts are refreshed
 * every MEMBER_COUNT_REFRESH_MINUTES from `GET /guilds/{id}?with_counts=true`, one guild at a
 * time (@discordjs/rest keeps within the rate limits). A change is recorded, nothing else.
 */
@Injectable()
export class MemberCountRefresher {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private stopped = false;

  constructor(
    private readonly lifecycle: GuildLifecycleService,
    @Inject(BOT_CONFIG) private readonly config: BotConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  start(client: Client<true>): void {
    if (this.timer || this.stopped) return;
    const everyMs = Math.round(this.config.MEMBER_COUNT_REFRESH_MINUTES * 60_000);
    this.timer = setInterval(() => void this.refreshAll(client), everyMs);
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
  }

  async refreshAll(client: Client<true>): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (const guild of [...client.guilds.cache.values()]) {
        if (this.stopped) break;
        if (guild.available) await this.refresh(client, guild);
      }
    } finally {
      this.running = false;
    }
  }

  private refresh(client: Client<true>, guild: Guild): Promise<void> {
    const context = { correlationId: randomUUID(), guildId: guild.id, shard: guild.shardId };
    return withCorrelation(context, async () => {
      try {
        const query = makeURLSearchParams({ with_counts: true });
        const data = (await client.rest.get(Routes.guild(guild.id), {
          query,
        })) as RESTGetAPIGuildResult;
        const memberCount = data.approximate_member_count;
        if (memberCount === undefined) return;
        const at = this.clock();
        await this.lifecycle.observe({ kind: 'counted', guildId: guild.id, memberCount, at });
      } catch (error) {
        // 404: the bot left meanwhile; GUILD_DELETE records that.
        const level = error instanceof DiscordAPIError && error.status === 404 ? 'debug' : 'warn';
        this.logger[level]({ err: String(error) }, 'member count not refreshed');
      }
    });
  }
}
