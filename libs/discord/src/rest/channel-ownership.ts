import { DiscordAPIError, type REST } from '@discordjs/rest';
import { KdError } from '@kd/events';
import { discordRoutes } from './discord-routes.js';

/** Discord's answers for a channel the bot cannot see: 10003 Unknown Channel, 50001 Missing Access. */
const unknownChannelCodes = new Set([10003, 50001]);

export class ChannelNotInGuildError extends KdError {
  constructor(
    readonly guildId: string,
    readonly channelId: string,
  ) {
    super(
      'CONFIG.CHANNEL_NOT_IN_GUILD',
      `Channel ${channelId} is not a channel of this server (or the bot cannot see it): pick one of this server's channels.`,
      'validation',
      { details: { channelId } },
    );
  }
}

export class ChannelLookupUnavailableError extends KdError {
  constructor(cause: unknown) {
    super(
      'DISCORD.UNAVAILABLE',
      'Discord could not be asked whether the channel belongs to this server; try again soon.',
      'unavailable',
      { cause },
    );
  }
}

export interface ChannelOwnershipOptions {
  rest: Pick<REST, 'get'>;
  /** Epoch milliseconds; the cache's clock. */
  now: () => number;
  /** How long an answer is reused (a channel rarely changes guild; it may be deleted). */
  ttlMs?: number;
  /** How long "unknown" is reused: shorter, so a channel the bot was just given is seen soon. */
  unknownTtlMs?: number;
  maxEntries?: number;
}

interface Entry {
  guildId: string | null;
  expiresAt: number;
}

/**
 * Which guild a channel belongs to, asked of Discord (`GET /channels/{id}`, its `guild_id`) and
 * cached in a bounded TTL cache. A channel Discord does not know, or will not show the bot, or
 * that is not a guild channel (a DM) belongs to no guild: `null`.
 */
export class ChannelOwnership {
  private readonly cache = new Map<string, Entry>();
  private readonly pending = new Map<string, Promise<string | null>>();
  private readonly ttlMs: number;
  private readonly unknownTtlMs: number;
  private readonly maxEntries: number;

  constructor(private readonly options: ChannelOwnershipOptions) {
    this.ttlMs = options.ttlMs ?? 5 * 60_000;
    this.unknownTtlMs = options.unknownTtlMs ?? 30_000;
    this.maxEntries = options.maxEntries ?? 10_000;
  }

  /** The channel's guild, or null; throws the REST client's error when Discord did not answer. */
  async guildOf(channelId: string): Promise<string | null> {
    const cached = this.cache.get(channelId);
    if (cached && cached.expiresAt > this.options.now()) return cached.guildId;
    this.cache.delete(channelId);
    const running = this.pending.get(channelId);
    if (running) return running;
    const lookup = this.lookup(channelId).finally(() => this.pending.delete(channelId));
    this.pending.set(channelId, lookup);
    return lookup;
  }

  /** Throws CONFIG.CHANNEL_NOT_IN_GUILD, or DISCORD.UNAVAILABLE when Discord could not tell. */
  async assertInGuild(guildId: string, channelId: string): Promise<void> {
    let owner: string | null;
    try {
      owner = await this.guildOf(channelId);
    } catch (error) {
      throw new ChannelLookupUnavailableError(error);
    }
    if (owner !== guildId) throw new ChannelNotInGuildError(guildId, channelId);
  }

  private async lookup(channelId: string): Promise<string | null> {
    let guildId: string | null;
    try {
      const channel = (await this.options.rest.get(discordRoutes.channel(channelId))) as {
        guild_id?: unknown;
      };
      guildId = typeof channel.guild_id === 'string' ? channel.guild_id : null;
    } catch (error) {
      if (!isUnknownChannel(error)) throw error;
      guildId = null;
    }
    this.remember(channelId, guildId);
    return guildId;
  }

  private remember(channelId: string, guildId: string | null): void {
    const ttl = guildId === null ? this.unknownTtlMs : this.ttlMs;
    this.cache.set(channelId, { guildId, expiresAt: this.options.now() + ttl });
    // Maps iterate in insertion order: the first keys are the oldest.
    for (const key of this.cache.keys()) {
      if (this.cache.size <= this.maxEntries) break;
      this.cache.delete(key);
    }
  }
}

function isUnknownChannel(error: unknown): boolean {
  if (!(error instanceof DiscordAPIError)) return false;
  if (error.status === 404) return true;
  return error.status === 403 && unknownChannelCodes.has(Number(error.code));
}
