import { randomUUID } from 'node:crypto';
import { Events, type Client } from 'discord.js';
import {
  scheduledEventDeleted,
  scheduledEventUserChange,
  type ScheduledEventChange,
} from '@kd/discord';
import { withCorrelation, type Logger } from '@kd/observability';
import type { ScheduledEventChangesHandler } from './scheduled-event-changes.handler.js';

/** GUILD_SCHEDULED_EVENT_USER_ADD/REMOVE and _DELETE → the handler, one correlation id each. */
export function listenToScheduledEvents(
  client: Client,
  handler: ScheduledEventChangesHandler,
  logger: Logger,
): void {
  const handle = (change: ScheduledEventChange | undefined) => {
    if (!change) return;
    const correlationId = randomUUID();
    void withCorrelation({ correlationId, guildId: change.guildId }, () =>
      handler
        .handle(change, correlationId)
        .catch((error: unknown) =>
          logger.error(
            { err: String(error), kind: change.kind },
            'scheduled event change not recorded',
          ),
        ),
    );
  };
  client.on(Events.GuildScheduledEventUserAdd, (event, user) =>
    handle(scheduledEventUserChange('rsvp_added', event, user)),
  );
  client.on(Events.GuildScheduledEventUserRemove, (event, user) =>
    handle(scheduledEventUserChange('rsvp_removed', event, user)),
  );
  client.on(Events.GuildScheduledEventDelete, (event) => handle(scheduledEventDeleted(event)));
}
