import type { REST } from '@discordjs/rest';
import { discordRoutes } from '../rest/discord-routes.js';
import { EPHEMERAL, messageData } from './interaction-responses.js';
import type { Reply } from './reply.js';

export interface InteractionRef {
  applicationId: string;
  token: string;
}

/** The message Discord returns from webhook calls (the fields we read). */
export interface SentMessage {
  id: string;
  channel_id?: string;
}

/**
 * Answers a deferred interaction: `PATCH /webhooks/{appId}/{token}/messages/@original`. The
 * interaction token authorizes it (no bot token); it is valid for 15 minutes.
 */
export async function editOriginalResponse(
  rest: REST,
  interaction: InteractionRef,
  reply: Reply,
): Promise<SentMessage> {
  const route = discordRoutes.webhookMessage(interaction.applicationId, interaction.token);
  return (await rest.patch(route, { body: messageData(reply), auth: false })) as SentMessage;
}

/** A further message after the first response (its own ephemeral flag is allowed here). */
export async function sendFollowUp(
  rest: REST,
  interaction: InteractionRef,
  reply: Reply,
): Promise<SentMessage> {
  const body = { ...messageData(reply), ...(reply.ephemeral ? { flags: EPHEMERAL } : {}) };
  const route = discordRoutes.webhook(interaction.applicationId, interaction.token);
  return (await rest.post(route, { body, auth: false })) as SentMessage;
}
