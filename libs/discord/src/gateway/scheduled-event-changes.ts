// Gateway dispatches about guild scheduled events, as plain facts: only the ids we act on, so
// the bot's handler and its test need no live gateway (discord.js objects are read through the
// few fields below).

/** Interest in, or removal of, a Discord scheduled event, as the gateway reports it. */
export type ScheduledEventChange =
  | { kind: 'rsvp_added' | 'rsvp_removed'; guildId: string; discordEventId: string; userId: string }
  | { kind: 'deleted'; guildId: string; discordEventId: string };

/** What `guildScheduledEventUserAdd/Remove` and `guildScheduledEventDelete` hand over. */
export interface GatewayScheduledEvent {
  id: string;
  guildId: string | null;
}

const snowflake = /^\d{17,20}$/;

/** GUILD_SCHEDULED_EVENT_USER_ADD / _REMOVE; undefined for anything malformed or outside a guild. */
export function scheduledEventUserChange(
  kind: 'rsvp_added' | 'rsvp_removed',
  event: GatewayScheduledEvent,
  user: { id: string },
): ScheduledEventChange | undefined {
  if (!event.guildId || ![event.guildId, event.id, user.id].every((id) => snowflake.test(id)))
    return undefined;
  return { kind, guildId: event.guildId, discordEventId: event.id, userId: user.id };
}

/** GUILD_SCHEDULED_EVENT_DELETE (a moderator deleted it in Discord). */
export function scheduledEventDeleted(
  event: GatewayScheduledEvent,
): ScheduledEventChange | undefined {
  if (!event.guildId || !snowflake.test(event.guildId) || !snowflake.test(event.id))
    return undefined;
  return { kind: 'deleted', guildId: event.guildId, discordEventId: event.id };
}
