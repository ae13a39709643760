import type { ChannelOwnership } from '@kd/discord';
import type { EventStore } from '@kd/event-store';
import { newEvent, type DomainEvent } from '@kd/events';
import type { GuildConfigService } from '@kd/guild-config';
import { derivedEventId, foldMeeting, type MeetingEvent } from '@kd/meetings';
import type { Logger } from '@kd/observability';
import { messageNonce, type ChannelMessage } from '../delivery/discord-poster.js';
import { decideReminder } from './decide-reminder.js';
import type { PendingReminder, PendingReminders } from './pending-reminders.js';

export interface ReminderSchedulerOptions {
  store: Pick<EventStore, 'append' | 'readAggregate' | 'lastSeqOf'>;
  pending: PendingReminders;
  guildConfig: Pick<GuildConfigService, 'get'>;
  channels: Pick<ChannelOwnership, 'guildOf'>;
  post(message: ChannelMessage): Promise<string>;
  logger: Logger;
}

export type ReminderResult = 'sent' | 'waiting' | 'dropped' | 'already_sent' | 'failed';

const isMeetingEvent = (event: DomainEvent): event is MeetingEvent =>
  event.type.startsWith('meeting.');

/**
 * The id a reminder's outcome is recorded under: derived from the `meeting.scheduled` event (its
 * causation), and distinct from that event's own id, which an announcement of the scheduling
 * may record its outcome under. `notification.sent` is first-on-subject: sent at most once.
 */
export const reminderCauseId = (scheduledEventId: string): string =>
  derivedEventId(scheduledEventId, 'reminder');

/** Sends the reminders due at `now`; the caller decides how often (and tests pass a fixed clock). */
export class ReminderScheduler {
  private readonly logger: Logger;

  constructor(private readonly options: ReminderSchedulerOptions) {
    this.logger = options.logger.child({ context: 'ReminderScheduler' });
  }

  /** Remembers the reminder of a newly scheduled meeting. */
  async onScheduled(event: DomainEvent<'meeting.scheduled'>): Promise<void> {
    if (!event.guildId) return;
    await this.options.pending.add({
      meetingId: event.payload.meetingId,
      guildId: event.guildId,
      startsAt: event.payload.startsAt,
      scheduledEventId: event.id,
      correlationId: event.correlationId,
    });
  }

  async tick(now: Date): Promise<Map<string, ReminderResult>> {
    const results = new Map<string, ReminderResult>();
    for (const reminder of await this.options.pending.all()) {
      try {
        results.set(reminder.meetingId, await this.handle(reminder, now));
      } catch (error) {
        this.logger.warn({ err: error, meetingId: reminder.meetingId }, 'reminder not sent yet');
        results.set(reminder.meetingId, 'failed');
      }
    }
    return results;
  }

  private async handle(reminder: PendingReminder, now: Date): Promise<ReminderResult> {
    const causeId = reminderCauseId(reminder.scheduledEventId);
    if ((await this.options.store.lastSeqOf('notification', causeId)) > 0) {
      await this.options.pending.remove(reminder.meetingId);
      return 'already_sent';
    }
    const history = await this.options.store.readAggregate('meeting', reminder.meetingId);
    const meeting = foldMeeting(history.map((r) => r.event).filter(isMeetingEvent));
    const config = await this.options.guildConfig.get(reminder.guildId);
    const decision = decideReminder(meeting, config, now);
    if (decision.action === 'wait') return 'waiting';
    if (decision.action === 'drop') {
      this.logger.info({ meetingId: reminder.meetingId, reason: decision.reason }, 'no reminder');
      await this.options.pending.remove(reminder.meetingId);
      return 'dropped';
    }
    // A channel setting must name a channel of the meeting's own guild (DESIGN §6b).
    if ((await this.options.channels.guildOf(decision.channelId)) !== reminder.guildId) {
      await this.options.pending.remove(reminder.meetingId);
      return 'dropped';
    }
    const messageId = await this.options.post({
      channelId: decision.channelId,
      content: decision.content,
      components: decision.components,
      nonce: messageNonce(causeId),
    });
    await this.record(reminder, causeId, decision.channelId, messageId, now);
    await this.options.pending.remove(reminder.meetingId);
    return 'sent';
  }

  private async record(
    reminder: PendingReminder,
    causeId: string,
    channelId: string,
    messageId: string,
    now: Date,
  ): Promise<void> {
    await this.options.store.append(
      newEvent(
        'notification.sent',
        { kind: 'meeting_reminder', channelId, messageId },
        {
          actor: { kind: 'system', id: 'notifier' },
          correlationId: reminder.correlationId,
          causationId: causeId,
          guildId: reminder.guildId,
          occurredAt: now,
          id: derivedEventId(causeId, 'sent'),
        },
      ),
    );
  }
}
