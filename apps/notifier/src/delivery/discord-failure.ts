import { DiscordAPIError, HTTPError, RateLimitError } from '@discordjs/rest';
import { ChannelNotInGuildError } from '@kd/discord';
import type { DeliveryFailure } from './retry-policy.js';

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
