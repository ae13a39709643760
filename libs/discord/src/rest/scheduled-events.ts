import { DiscordAPIError, type REST } from '@discordjs/rest';
import {
  GuildScheduledEventEntityType,
  GuildScheduledEventPrivacyLevel,
  GuildScheduledEventStatus,
  RESTJSONErrorCodes,
  type APIGuildScheduledEvent,
  type RESTPostAPIGuildScheduledEventJSONBody,
} from 'discord-api-types/v10';
import { discordRoutes } from './discord-routes.js';

export { GuildScheduledEventStatus };

/** What the meeting's Discord event says; `location` names the channel, never a join link. */
export interface ScheduledEventDraft {
  name: string;
  description?: string | undefined;
  location: string;
  startsAt: Date;
  endsAt: Date;
}

/**
 * Discord's answer we act on: done, refused (403: the bot lacks Manage Events — recorded, the
 * meeting goes on without its event), or gone (404: a moderator deleted it). Anything else
 * (429 after retries, 5xx, network) throws, to be retried.
 */
export type ScheduledEventOutcome =
  | { kind: 'ok'; event: Pick<APIGuildScheduledEvent, 'id' | 'status'> }
  | { kind: 'forbidden'; reason: string }
  | { kind: 'gone' };

export async function createScheduledEvent(
  rest: Pick<REST, 'post'>,
  guildId: string,
  draft: ScheduledEventDraft,
): Promise<ScheduledEventOutcome> {
  const body: RESTPostAPIGuildScheduledEventJSONBody = {
    name: draft.name.slice(0, 100),
    ...(draft.description ? { description: draft.description.slice(0, 1000) } : {}),
    entity_type: GuildScheduledEventEntityType.External,
    privacy_level: GuildScheduledEventPrivacyLevel.GuildOnly,
    entity_metadata: { location: draft.location.slice(0, 100) },
    scheduled_start_time: draft.startsAt.toISOString(),
    scheduled_end_time: draft.endsAt.toISOString(),
  };
  return outcomeOf(() => rest.post(discordRoutes.guildScheduledEvents(guildId), { body }));
}

/** Moves the event to Active, Completed or Canceled (Discord allows only forward moves). */
export function setScheduledEventStatus(
  rest: Pick<REST, 'patch'>,
  guildId: string,
  eventId: string,
  status: GuildScheduledEventStatus,
): Promise<ScheduledEventOutcome> {
  return outcomeOf(() =>
    rest.patch(discordRoutes.guildScheduledEvent(guildId, eventId), { body: { status } }),
  );
}

export async function deleteScheduledEvent(
  rest: Pick<REST, 'delete'>,
  guildId: string,
  eventId: string,
): Promise<ScheduledEventOutcome> {
  const outcome = await outcomeOf(() =>
    rest.delete(discordRoutes.guildScheduledEvent(guildId, eventId)),
  );
  return outcome.kind === 'ok' || outcome.kind === 'gone'
    ? { kind: 'ok', event: { id: eventId, status: GuildScheduledEventStatus.Canceled } }
    : outcome;
}

async function outcomeOf(call: () => Promise<unknown>): Promise<ScheduledEventOutcome> {
  try {
    const event = (await call()) as APIGuildScheduledEvent | undefined;
    return {
      kind: 'ok',
      event: { id: event?.id ?? '', status: event?.status ?? GuildScheduledEventStatus.Canceled },
    };
  } catch (error) {
    if (!(error instanceof DiscordAPIError)) throw error;
    if (error.status === 404) return { kind: 'gone' };
    if (error.status === 403)
      return { kind: 'forbidden', reason: forbiddenReason(Number(error.code), error.message) };
    // 400 for a status move Discord refuses (e.g. Completed → Canceled): nothing to retry.
    if (error.status === 400)
      return { kind: 'forbidden', reason: `refused: ${error.message}`.slice(0, 500) };
    throw error;
  }
}

function forbiddenReason(code: number, message: string): string {
  return code === Number(RESTJSONErrorCodes.MissingPermissions)
    ? 'missing_permissions: the bot needs Manage Events'
    : `forbidden (${code}): ${message}`.slice(0, 500);
}
