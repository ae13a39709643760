import { KdError } from '@kd/events';
import { parseDottedKey } from '../keys/parse-config-key.js';
import type { ValidatedUpdate } from '../keys/validate-update.js';
import { snowflakePattern } from '../schema/leaf-schemas.js';

/**
 * Tells whether a channel belongs to a guild (asked of Discord: `ChannelOwnership` of
 * @kd/discord); throws CONFIG.CHANNEL_NOT_IN_GUILD when it does not.
 */
export interface ChannelGuildCheck {
  assertInGuild(guildId: string, channelId: string): Promise<void>;
}

export class ChannelCheckUnavailableError extends KdError {
  constructor() {
    super(
      'CONFIG.CHANNEL_CHECK_UNAVAILABLE',
      'Channels cannot be set here: this process cannot ask Discord which server a channel belongs to.',
      'unavailable',
    );
  }
}

/** Whether a dotted key is a channel setting (`notifications.channels.*`); throws for unknown keys. */
export function isChannelKey(key: string): boolean {
  return parseDottedKey(key).leaf.kind === 'channel';
}

/** The channel ids an update sets (`notifications.channels.*` = a snowflake; not "default"). */
export function channelsSetBy(
  updates: readonly Pick<ValidatedUpdate, 'key' | 'value'>[],
): string[] {
  return updates.flatMap(({ key, value }) =>
    isChannelKey(key) && typeof value === 'string' && snowflakePattern.test(value) ? [value] : [],
  );
}

/** Every channel the updates set must belong to the guild; nothing is checked without channels. */
export async function assertChannelsOfGuild(
  check: ChannelGuildCheck | undefined,
  guildId: string,
  updates: readonly Pick<ValidatedUpdate, 'key' | 'value'>[],
): Promise<void> {
  const channels = [...new Set(channelsSetBy(updates))];
  if (channels.length === 0) return;
  if (!check) throw new ChannelCheckUnavailableError();
  for (const channelId of channels) await check.assertInGuild(guildId, channelId);
}
