import type { BotConfig } from '../bot.config.js';

/** The shard that receives a guild's events: `(guild_id >> 22) % shard_count` (Discord). */
export function shardOf(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

export type ShardSelection = { shards: 'auto' } | { shards: number[]; shardCount: number };

/**
 * discord.js sharding options: a fixed subset of a known total (several processes, one subset
 * each), every shard of a known total, or Discord's recommendation (`/gateway/bot` `shards`).
 */
export function shardSelection(
  config: Pick<BotConfig, 'SHARD_COUNT' | 'SHARD_IDS'>,
): ShardSelection {
  const count = config.SHARD_COUNT;
  if (count === undefined) return { shards: 'auto' };
  const ids = config.SHARD_IDS ?? Array.from({ length: count }, (_, i) => i);
  return { shards: ids, shardCount: count };
}
