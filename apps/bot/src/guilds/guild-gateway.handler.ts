import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Client, Guild } from 'discord.js';
import { CLOCK, type Clock } from '@kd/events';
import { withCorrelation, type Logger } from '@kd/observability';
import { LOGGER } from '../bot.tokens.js';
import { shardOf } from '../gateway/sharding.js';
import type { GuildEventType, GuildObservation } from '@kd/guilds';
import { GuildLifecycleService } from './guild-lifecycle.service.js';
import { RecordedGuilds } from './recorded-guilds.js';

type Reason = 'start-up' | 'joined' | 'available' | 'removed' | 'absent at start-up';

/**
 * Turns what the gateway says about guilds into observations, one correlation id per gateway
 * event. GUILD_CREATE at start-up and after ready lead to the same decision: the recorded
 * aggregate, not the moment, says whether it is an install (DESIGN §6a).
 */
@Injectable()
export class GuildGatewayHandler {
  constructor(
    private readonly lifecycle: GuildLifecycleService,
    private readonly recorded: RecordedGuilds,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** After ready: reconcile every cached guild, then the recorded ones this process no longer sees. */
  async backfill(client: Client<true>): Promise<void> {
    const started = Date.now();
    let changed = 0;
    for (const guild of client.guilds.cache.values()) {
      if (guild.available) changed += (await this.member(guild, 'start-up')).length;
    }
    const absent = await this.absentAtStartUp(client);
    for (const guildId of absent)
      changed += (await this.gone(guildId, undefined, 'absent at start-up')).length;
    const ms = Date.now() - started;
    this.logger.info(
      { guilds: client.guilds.cache.size, absent: absent.length, changed, ms },
      'start-up reconciliation done',
    );
  }

  joined(guild: Guild): Promise<GuildEventType[]> {
    return this.member(guild, 'joined');
  }

  /** An outage ended: nothing is recorded unless something changed meanwhile. */
  available(guild: Guild): Promise<GuildEventType[]> {
    return this.member(guild, 'available');
  }

  removed(guild: Guild): Promise<GuildEventType[]> {
    return this.gone(guild.id, guild.shardId, 'removed');
  }

  drain(): Promise<void> {
    return this.lifecycle.drain();
  }

  private member(guild: Guild, reason: Reason): Promise<GuildEventType[]> {
    return this.observe(guild.shardId, reason, {
      kind: 'member',
      guildId: guild.id,
      name: guild.name,
      joinedTimestamp: guild.joinedTimestamp,
      memberCount: Number.isInteger(guild.memberCount) ? guild.memberCount : null,
      at: this.clock(),
    });
  }

  private gone(guildId: string, shard: number | undefined, reason: Reason) {
    return this.observe(shard, reason, { kind: 'gone', guildId, at: this.clock() });
  }

  private observe(
    shard: number | undefined,
    reason: Reason,
    observation: GuildObservation,
  ): Promise<GuildEventType[]> {
    const { guildId } = observation;
    return withCorrelation({ correlationId: randomUUID(), guildId, shard }, async () => {
      try {
        const appended = await this.lifecycle.observe(observation);
        this.logger.debug({ reason, appended }, 'guild observed');
        return appended;
      } catch (error) {
        this.logger.error({ reason, err: String(error) }, 'guild change not recorded');
        return [];
      }
    });
  }

  /**
   * Guilds recorded in the stream that belong to this process's shards but were not in READY:
   * the bot was removed while it was offline.
   */
  private async absentAtStartUp(client: Client<true>): Promise<string[]> {
    const shardCount = client.options.shardCount ?? 1;
    const mine = new Set(client.ws.shards.keys());
    try {
      const ids = await this.recorded.ids();
      return ids.filter(
        (id) =>
          /^\d+$/.test(id) && mine.has(shardOf(id, shardCount)) && !client.guilds.cache.has(id),
      );
    } catch (error) {
      this.logger.error(
        { err: String(error) },
        'could not list recorded guilds; removals while offline are not checked',
      );
      return [];
    }
  }
}
