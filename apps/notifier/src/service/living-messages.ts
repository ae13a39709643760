import { ConcurrencyError, type EventStore } from '@kd/event-store';
import { newEvent, type DomainEvent, type NewEvent, type PayloadOf } from '@kd/events';
import type { GuildConfig, NotificationKind } from '@kd/guild-config';
import type { Logger } from '@kd/observability';
import type { DeliveryResult } from '../delivery/deliver-with-retry.js';
import { messageNonce, type ChannelMessage, type MessageEdit } from '../delivery/discord-poster.js';
import {
  announcementId,
  announcementNonceSource,
  foldAnnouncement,
  maxReposts,
  type Announcement,
} from '../notifications/announcement.js';
import { renderLivingMessage, type LivingMessage } from '../notifications/living-message.js';
import type { NotifyingEvent } from '../notifications/notification-kind.js';
import type { SkipReason } from '../notifications/plan-notification.js';
import type { LinkOptions } from '../notifications/placeholder-values.js';
import type { MeetingContextLoader } from './meeting-context.loader.js';
import type { NotificationMetrics } from './notification-metrics.js';

export type LivingAction = NonNullable<PayloadOf<'notification.sent'>['action']>;

/** What one event did to its meeting's message; the caller records it as the event's outcome. */
export type LivingOutcome =
  | { skip: SkipReason }
  | { kind: NotificationKind; channelId: string; action: LivingAction; result: DeliveryResult };

/** One Discord request (with retries and the channel check) for a kind, in a channel. */
export type Deliver = (
  kind: NotificationKind,
  channelId: string,
  send: (signal: AbortSignal) => Promise<string>,
) => Promise<DeliveryResult>;

export interface LivingMessagesOptions {
  store: Pick<EventStore, 'append' | 'readAggregate'>;
  meetings: MeetingContextLoader;
  defaults: GuildConfig;
  links: LinkOptions;
  post(message: ChannelMessage, signal: AbortSignal): Promise<string>;
  edit(edit: MessageEdit, signal: AbortSignal): Promise<string>;
  logger: Logger;
  metrics: Pick<NotificationMetrics, 'livingMessages'>;
}

interface Loaded {
  announcement: Announcement;
  /** Sequence of the last event on the announcement subject: the expected one when appending. */
  lastSeq: number;
}

const MAX_REMEMBERED_EDITS = 1000;

/**
 * One message per meeting, edited in place through its lifecycle. Each event renders the message
 * from the meeting's whole history, so the order events arrive in cannot take it backwards. The
 * message id lives in the log (`notification.announcement_posted` on the meeting's announcement
 * subject), so a restart or another notifier edits the same message.
 */
export class LivingMessages {
  /** Announcement events whose append failed after the post: appended when the meeting comes again. */
  private readonly unrecorded = new Map<string, { event: NewEvent; expectedLastSeq: number }>();
  /** The last body sent per message: an identical edit is not sent again. */
  private readonly lastBodies = new Map<string, string>();
  private readonly logger: Logger;

  constructor(private readonly options: LivingMessagesOptions) {
    this.logger = options.logger.child({ context: 'LivingMessages' });
  }

  async apply(
    event: NotifyingEvent,
    config: GuildConfig,
    deliver: Deliver,
  ): Promise<LivingOutcome> {
    const meetingId = event.payload.meetingId;
    await this.flush(meetingId);
    const loaded = await this.load(meetingId);
    const context = await this.options.meetings.loadLazily(meetingId);
    if (context.meeting.status === 'none') return { skip: 'unknown_meeting' };
    const message = renderLivingMessage({
      view: context.meeting,
      config,
      defaults: this.options.defaults,
      links: this.options.links,
    });
    if (!message) return { skip: 'kind_disabled' };
    const { announcement } = loaded;
    switch (announcement.status) {
      case 'none': {
        const setting = config.notifications.channels[message.kind];
        const channelId = setting === 'default' ? await context.originChannelId() : setting;
        if (!channelId) return { skip: 'no_channel' };
        return this.post(
          event,
          message,
          { channelId, replaces: null, reposts: 0 },
          loaded,
          deliver,
        );
      }
      case 'posted':
        return this.edit(event, message, announcement, loaded, deliver);
      case 'deleted':
        if (announcement.reposts >= maxReposts) return { skip: 'announcement_deleted' };
        return this.repost(event, message, announcement, loaded, deliver);
    }
  }

  private async edit(
    cause: NotifyingEvent,
    message: LivingMessage,
    posted: Extract<Announcement, { status: 'posted' }>,
    loaded: Loaded,
    deliver: Deliver,
  ): Promise<LivingOutcome> {
    const { channelId, messageId } = posted;
    const edit: MessageEdit = { channelId, messageId, ...bodyOf(message) };
    const body = JSON.stringify(edit);
    const outcome = { kind: message.kind, channelId };
    if (this.lastBodies.get(messageId) === body) {
      this.options.metrics.livingMessages.inc({ action: 'unchanged' });
      return { ...outcome, action: 'unchanged', result: { ok: true, messageId, attempts: 0 } };
    }
    const result = await deliver(message.kind, channelId, (signal) =>
      this.options.edit(edit, signal),
    );
    if (result.ok) {
      this.remember(messageId, body);
      this.options.metrics.livingMessages.inc({ action: 'edited' });
      return { ...outcome, action: 'edited', result };
    }
    if (result.failure.kind !== 'unknown_message') return { ...outcome, action: 'edited', result };
    const deleted = await this.recordDeleted(cause, posted, loaded);
    if (posted.reposts < maxReposts)
      return this.repost(cause, message, { ...posted, status: 'deleted' }, deleted, deliver);
    const reason = `${result.reason}; reposted ${maxReposts} time(s) already, not again`;
    return { ...outcome, action: 'edited', result: { ...result, reason } };
  }

  private repost(
    cause: NotifyingEvent,
    message: LivingMessage,
    deleted: Extract<Announcement, { status: 'deleted' }>,
    loaded: Loaded,
    deliver: Deliver,
  ): Promise<LivingOutcome> {
    const target = {
      channelId: deleted.channelId,
      replaces: deleted.messageId,
      reposts: deleted.reposts + 1,
    };
    return this.post(cause, message, target, loaded, deliver);
  }

  private async post(
    cause: NotifyingEvent,
    message: LivingMessage,
    target: { channelId: string; replaces: string | null; reposts: number },
    loaded: Loaded,
    deliver: Deliver,
  ): Promise<LivingOutcome> {
    const { channelId, replaces, reposts } = target;
    const meetingId = cause.payload.meetingId;
    const nonce = messageNonce(announcementNonceSource(meetingId, reposts));
    const body = bodyOf(message);
    const result = await deliver(message.kind, channelId, (signal) =>
      this.options.post({ channelId, nonce, ...body }, signal),
    );
    const action = replaces ? 'reposted' : 'posted';
    if (result.ok) {
      const { messageId } = result;
      const payload = { meetingId, channelId, messageId, replaces };
      await this.append(meetingId, announcementEvent(cause, payload), loaded.lastSeq);
      this.remember(messageId, JSON.stringify({ channelId, messageId, ...body }));
      this.options.metrics.livingMessages.inc({ action });
    }
    return { kind: message.kind, channelId, action, result };
  }

  private async recordDeleted(
    cause: NotifyingEvent,
    posted: Extract<Announcement, { status: 'posted' }>,
    loaded: Loaded,
  ): Promise<Loaded> {
    const { channelId, messageId } = posted;
    const meetingId = cause.payload.meetingId;
    this.logger.warn({ meetingId, channelId, messageId }, 'living message was deleted in Discord');
    this.options.metrics.livingMessages.inc({ action: 'deleted' });
    const event = newEvent(
      'notification.announcement_deleted',
      { meetingId, channelId, messageId },
      contextOf(cause),
    );
    const seq = await this.append(meetingId, event, loaded.lastSeq);
    return { announcement: { ...posted, status: 'deleted' }, lastSeq: seq };
  }

  private async load(meetingId: string): Promise<Loaded> {
    const recorded = await this.options.store.readAggregate(
      'notification',
      announcementId(meetingId),
    );
    return {
      announcement: foldAnnouncement(recorded.map((r) => r.event)),
      lastSeq: recorded.at(-1)?.seq ?? 0,
    };
  }

  /**
   * Appends at the expected position: a second writer (which the notifier lease rules out) is
   * refused rather than recorded beside us. A failed append is kept and retried first next time.
   */
  private async append(
    meetingId: string,
    event: NewEvent,
    expectedLastSeq: number,
  ): Promise<number> {
    this.unrecorded.set(meetingId, { event, expectedLastSeq });
    const { seq } = await this.options.store.append(event, { expectedLastSeq });
    this.unrecorded.delete(meetingId);
    return seq;
  }

  private async flush(meetingId: string): Promise<void> {
    const pending = this.unrecorded.get(meetingId);
    if (!pending) return;
    try {
      await this.options.store.append(pending.event, { expectedLastSeq: pending.expectedLastSeq });
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
      this.logger.warn({ meetingId }, 'announcement already recorded meanwhile');
    }
    this.unrecorded.delete(meetingId);
  }

  private remember(messageId: string, body: string): void {
    this.lastBodies.delete(messageId);
    this.lastBodies.set(messageId, body);
    const oldest = this.lastBodies.keys().next().value;
    if (this.lastBodies.size > MAX_REMEMBERED_EDITS && oldest) this.lastBodies.delete(oldest);
  }
}

function bodyOf(message: LivingMessage) {
  const { content, embeds, components } = message;
  return { content, embeds: embeds as Record<string, unknown>[], components };
}

function contextOf(cause: DomainEvent) {
  return {
    actor: { kind: 'system' as const, id: 'notifier' },
    correlationId: cause.correlationId,
    causationId: cause.id,
    guildId: cause.guildId,
  };
}

function announcementEvent(
  cause: DomainEvent,
  payload: PayloadOf<'notification.announcement_posted'>,
): NewEvent<'notification.announcement_posted'> {
  return newEvent('notification.announcement_posted', payload, contextOf(cause));
}
