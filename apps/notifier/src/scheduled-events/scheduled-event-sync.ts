import type { REST } from '@discordjs/rest';
import {
  deleteScheduledEvent,
  discordRoutes,
  GuildScheduledEventStatus,
  setScheduledEventStatus,
} from '@kd/discord';
import type { EventStore } from '@kd/event-store';
import type { DomainEvent } from '@kd/events';
import { foldMeeting, type DiscordEventFacts, type MeetingEvent } from '@kd/meetings';
import type { Logger } from '@kd/observability';
import { DiscordAPIError } from '@discordjs/rest';
import { statusMoves, targetStatus } from './status-moves.js';

export interface ScheduledEventSyncOptions {
  store: Pick<EventStore, 'readAggregate'>;
  facts: Pick<DiscordEventFacts, 'record'>;
  rest: Pick<REST, 'get' | 'patch' | 'delete'>;
  logger: Logger;
  now: () => Date;
}

const isMeetingEvent = (event: DomainEvent): event is MeetingEvent =>
  event.type.startsWith('meeting.');

/**
 * Keeps a meeting's Discord scheduled event in step with the meeting. The Discord event id comes
 * from the recorded `meeting.discord_event_linked`; Discord's own status is read first, so a
 * redelivery PATCHes nothing twice. A 404 means a moderator deleted the event: recorded, and the
 * meeting goes on. Throws (to be delivered again) only when Discord cannot be reached.
 */
export class ScheduledEventSync {
  private readonly logger: Logger;

  constructor(private readonly options: ScheduledEventSyncOptions) {
    this.logger = options.logger.child({ context: 'ScheduledEventSync' });
  }

  async sync(event: MeetingEvent): Promise<void> {
    const history = await this.options.store.readAggregate('meeting', event.payload.meetingId);
    const meeting = foldMeeting(history.map((r) => r.event).filter(isMeetingEvent));
    if (meeting.status === 'none' || meeting.discordEvent.state !== 'linked') return;
    const target = targetStatus(meeting);
    if (target === undefined || !meeting.guildId) return;
    const { discordEventId } = meeting.discordEvent;
    const ref = { guildId: meeting.guildId, discordEventId, meetingId: meeting.meetingId };
    const current = await this.currentStatus(ref.guildId, discordEventId);
    if (current === 'gone') return this.deleted(ref, event);
    for (const status of statusMoves(current, target)) {
      const outcome = await setScheduledEventStatus(
        this.options.rest,
        ref.guildId,
        discordEventId,
        status,
      );
      if (outcome.kind === 'gone') return this.deleted(ref, event);
      if (outcome.kind === 'forbidden') return this.refused(ref, status, outcome.reason);
    }
  }

  private async currentStatus(guildId: string, eventId: string) {
    try {
      const found = (await this.options.rest.get(
        discordRoutes.guildScheduledEvent(guildId, eventId),
      )) as { status: GuildScheduledEventStatus };
      return found.status;
    } catch (error) {
      if (error instanceof DiscordAPIError && error.status === 404) return 'gone' as const;
      throw error;
    }
  }

  /** Discord refuses to cancel (or the bot lost Manage Events): a canceled meeting's event goes. */
  private async refused(
    ref: { guildId: string; discordEventId: string; meetingId: string },
    status: GuildScheduledEventStatus,
    reason: string,
  ): Promise<void> {
    this.logger.warn({ ...ref, status, reason }, 'Discord refused the scheduled event status');
    if (status !== GuildScheduledEventStatus.Canceled) return;
    const removed = await deleteScheduledEvent(this.options.rest, ref.guildId, ref.discordEventId);
    if (removed.kind !== 'ok') this.logger.warn({ ...ref }, 'could not delete the scheduled event');
  }

  private async deleted(
    ref: { discordEventId: string; meetingId: string },
    cause: MeetingEvent,
  ): Promise<void> {
    this.logger.info(ref, 'the Discord event was deleted in Discord; the meeting stays');
    await this.options.facts.record(
      ref.meetingId,
      { kind: 'deleted', discordEventId: ref.discordEventId },
      { correlationId: cause.correlationId, causationId: cause.id, occurredAt: this.options.now() },
    );
  }
}
