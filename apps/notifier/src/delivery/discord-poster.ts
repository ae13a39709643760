import { createHash } from 'node:crypto';
import type { REST } from '@discordjs/rest';
import { z } from 'zod';
import { discordRoutes, noMentions } from '@kd/discord';

const createdMessage = z.object({ id: z.string().regex(/^\d{17,20}$/) });

/**
 * Makes our delivery loop the only one retrying: @discordjs/rest would retry a 5xx 3 more times
 * on its own and wait out every 429 however often it comes. With these settings each `post` is
 * one HTTP attempt, and a 429 (or a wait the library would impose before sending, from the
 * rate-limit headers it has seen) surfaces as a RateLimitError carrying the wait. The options
 * are read on every request, so setting them on the shared instance is enough.
 */
export function ownRetries(rest: REST, timeoutMs: number): REST {
  rest.options.retries = 0;
  rest.options.rejectOnRateLimit = () => true;
  rest.options.timeout = timeoutMs;
  return rest;
}

export interface ChannelMessage {
  channelId: string;
  content: string;
  /** Discord's duplicate guard (`enforce_nonce`), derived from the causing event: {@link messageNonce}. */
  nonce: string;
  /** Action rows (the Join button of a meeting start), in Discord's wire shape. */
  components?: readonly Record<string, unknown>[];
  embeds?: readonly Record<string, unknown>[];
}

/** What an edit of a posted message replaces: all of it (an empty list removes buttons). */
export interface MessageEdit {
  channelId: string;
  messageId: string;
  content: string;
  embeds: readonly Record<string, unknown>[];
  components: readonly Record<string, unknown>[];
}

/**
 * Posts one message to a channel, pinging nobody; resolves with Discord's message id. With
 * `enforce_nonce`, Discord answers a repeat of the same nonce within a few minutes with the
 * message it already created: an attempt that timed out after Discord stored the message, or an
 * event redelivered after a crash between posting and recording, does not post twice.
 */
export async function postChannelMessage(
  rest: REST,
  message: ChannelMessage,
  signal?: AbortSignal,
): Promise<string> {
  const body = {
    content: message.content,
    allowed_mentions: noMentions,
    nonce: message.nonce,
    enforce_nonce: true,
    ...(message.components ? { components: message.components } : {}),
    ...(message.embeds ? { embeds: message.embeds } : {}),
  };
  const created = await rest.post(discordRoutes.channelMessages(message.channelId), {
    body,
    signal,
  });
  return createdMessage.parse(created).id;
}

/**
 * Edits a message in place (`PATCH /channels/{channel}/messages/{message}`), pinging nobody;
 * resolves with its id. Repeating an edit leaves the same message: edits are idempotent.
 */
export async function editChannelMessage(
  rest: REST,
  edit: MessageEdit,
  signal?: AbortSignal,
): Promise<string> {
  const { channelId, messageId, content, embeds, components } = edit;
  const body = { content, embeds, components, allowed_mentions: noMentions };
  const edited = await rest.patch(discordRoutes.channelMessage(channelId, messageId), {
    body,
    signal,
  });
  return createdMessage.parse(edited).id;
}

/** A nonce for the message caused by an event: Discord allows 25 characters, event ids are longer. */
export function messageNonce(eventId: string): string {
  return createHash('sha256').update(eventId).digest('hex').slice(0, 25);
}
