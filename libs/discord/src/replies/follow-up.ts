import type { REST } from '@discordjs/rest';
import { discordRoutes } from '../rest/discord-routes.js';
import { EPHEMERAL, messageData } from './interaction-responses.js';
import type { Reply } from './reply.js';

/** The reply's files as @discordjs/rest sends them: multipart `files[n]` beside `payload_json`. */
const filesOf = (reply: Reply) =>
  reply.files?.length
    ? {
        files: reply.files.map((file) => ({
          name: file.name,
          data: file.data,
          contentType: file.contentType,
        })),
      }
    : {};

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
  const request = { body: messageData(reply), ...filesOf(reply), auth: false };
  return (await rest.patch(route, request)) as SentMessage;
}

/** A further message after the first response (its own ephemeral flag is allowed here). */
export async function sendFollowUp(
  rest: REST,
  interaction: InteractionRef,
  reply: Reply,
): Promise<SentMessage> {
  const body = { ...messageData(reply), ...(reply.ephemeral ? { flags: EPHEMERAL } : {}) };
  const route = discordRoutes.webhook(interaction.applicationId, interaction.token);
  return (await rest.post(route, { body, ...filesOf(reply), auth: false })) as SentMessage;
}

/** Removes an interaction's message (`DELETE /webhooks/{appId}/{token}/messages/@original`). */
export async function deleteOriginalResponse(
  rest: REST,
  interaction: InteractionRef,
): Promise<void> {
  const route = discordRoutes.webhookMessage(interaction.applicationId, interaction.token);
  await rest.delete(route, { auth: false });
}

/**
 * Answers a deferred interaction with the handler's reply, then its follow-ups. The ephemeral
 * flag was fixed when deferring: an ephemeral reply (a refusal, an error) to a publicly deferred
 * command replaces the public "thinking…" message with a private follow-up, so a refusal is
 * never shown to the channel.
 */
export async function deliverDeferredReply(
  rest: REST,
  interaction: InteractionRef,
  reply: Reply,
  deferredEphemeral: boolean,
): Promise<void> {
  if (reply.ephemeral && !deferredEphemeral) {
    // The private answer matters more than tidying up: it is sent even if the delete fails.
    await deleteOriginalResponse(rest, interaction).catch(() => undefined);
    await sendFollowUp(rest, interaction, reply);
  } else await editOriginalResponse(rest, interaction, reply);
  for (const next of reply.followUps ?? []) await sendFollowUp(rest, interaction, next);
}
