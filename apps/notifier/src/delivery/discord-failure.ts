import { DiscordAPIError, HTTPError, RateLimitError } from '@discordjs/rest';
import { ChannelNotInGuildError } from '@kd/discord';
import type { DeliveryFailure } from './retry-policy.js';

/** Discord's JSON error code for a message that does not exist (any more). */
const UNKNOWN_MESSAGE = 10008;

/** What an error of @discordjs/rest (configured by `ownRetries`) means for retrying. */
export function classifyDiscordError(error: unknown): DeliveryFailure {
  if (error instanceof ChannelNotInGuildError) return { kind: 'channel_not_in_guild' };
  if (error instanceof RateLimitError)
    return {
      kind: 'rate_limited',
      retryAfterMs: Math.ceil(error.retryAfter),
      global: error.global,
    };
  if (error instanceof HTTPError) return { kind: 'server_error', status: error.status };
  if (error instanceof DiscordAPIError) {
    if (error.code === UNKNOWN_MESSAGE) return { kind: 'unknown_message' };
    if (error.status >= 500) return { kind: 'server_error', status: error.status };
    return {
      kind: 'rejected',
      status: error.status,
      code: String(error.code),
      message: error.message,
    };
  }
  // Timeouts (AbortError), refused connections, unreadable answers: worth another attempt.
  return { kind: 'network', message: error instanceof Error ? error.message : String(error) };
}
