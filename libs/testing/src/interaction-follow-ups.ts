import type { DiscordRestFake, RecordedDiscordRequest } from '@kd/discord-fake';
import { interactionApplicationId } from './interaction-payloads.js';
import { waitFor } from './wait-for.js';

/** The edits of an interaction's original response (a deferred reply's content), oldest first. */
export function originalEdits(
  discord: DiscordRestFake,
  interaction: { token: string },
  applicationId = interactionApplicationId,
): RecordedDiscordRequest[] {
  return discord.requestsTo(
    'PATCH',
    new RegExp(`/webhooks/${applicationId}/${interaction.token}/messages/@original`),
  );
}

/** The first edit of an interaction's original response, once the app has made it. */
export function firstOriginalEdit(
  discord: DiscordRestFake,
  interaction: { token: string },
  applicationId = interactionApplicationId,
): Promise<RecordedDiscordRequest> {
  return waitFor(() => originalEdits(discord, interaction, applicationId)[0]);
}
