import { setTimeout as sleep } from 'node:timers/promises';
import { ChannelNotInGuildError, type ChannelOwnership } from '@kd/discord';
import type { EventStore } from '@kd/event-store';
import type { GuildConfig, GuildConfigService, NotificationKind } from '@kd/guild-config';
import { observeTraced, withCorrelation, type Logger } from '@kd/observability';
import { deliverWithRetry, type DeliveryResult } from '../delivery/deliver-with-retry.js';
import { classifyDiscordError } from '../delivery/discord-failure.js';
import { messageNonce, type ChannelMessage, type MessageEdit } from '../delivery/discord-poster.js';
import type { RetryPolicy } from '../delivery/retry-policy.js';
import {
  kindOf,
  livingOnlyEventTypes,
  type NotifyingEvent,
} from '../notifications/notification-kind.js';
import {
  notificationSettings,
  planNotification,
  type NotificationSettings,
  type SkipReason,
} from '../notifications/plan-notification.js';
import type { LinkOptions } from '../notifications/placeholder-values.js';
import { LivingMessages, type LivingOutcome } from './living-messages.js';
import { MeetingContextLoader } from './meeting-context.loader.js';
import type { NotificationMetrics, NotificationOutcome } from './notification-metrics.js';
import { OutcomeRecorder } from './outcome-recorder.js';

export interface NotificationServiceOptions {
  store: Pick<EventStore, 'append' | 'lastSeqOf' | 'readAggregate'>;
  guildConfig: Pick<GuildConfigService, 'get'>;
  /** Which guild a channel belongs to: asked before every post (DESIGN §6b). */
  channels: Pick<ChannelOwnership, 'guildOf'>;
  /** Posts one message (one HTTP attempt) and resolves with its id. */
  post(message: ChannelMessage, signal: AbortSignal): Promise<string>;
  /** Edits a posted message (one HTTP attempt) and resolves with its id. */
  edit(edit: MessageEdit, signal: AbortSignal): Promise<string>;
  /** config/default_config.json: templates equal to their default are translated. */
  defaults: GuildConfig;
  policy: RetryPolicy;
  links: LinkOptions;
  logger: Logger;
  metrics: NotificationMetrics;
  /**
   * Events that happened longer ago than this (by `occurredAt`) are not announced, except
   * recordings: a meeting that started hours ago is noise in a channel, a recording is still
   * worth a message. 0 or absent: no limit.
   */
  maxEventAgeMs?: number;
  now?: () => number;
}

/** One notifiable event → at most one message and exactly one recorded outcome. */
export class NotificationService {
  private readonly meetings: MeetingContextLoader;
  private readonly outcomes: OutcomeRecorder;
  private readonly living: LivingMessages;
  private readonly stopping = new AbortController();
  private readonly logger: Logger;

  constructor(private readonly options: NotificationServiceOptions) {
    this.meetings = new MeetingContextLoader(options.store);
    this.outcomes = new OutcomeRecorder(options.store);
    this.living = new LivingMessages({ ...options, meetings: this.meetings });
    this.logger = options.logger.child({ context: 'NotificationService' });
  }

  /** Throws only when the event must be handled again (the log unreachable, or stopping). */
  async handle(event: NotifyingEvent): Promise<void> {
    const context = { correlationId: event.correlationId, eventId: event.id };
    await withCorrelation(context, () => this.notify(event, kindOf(event.type)));
  }

  /** Abandons waits between attempts, so shutdown does not sit out a backoff. */
  stop(): void {
    this.stopping.abort();
  }

  private async notify(event: NotifyingEvent, kind: NotificationKind): Promise<void> {
    const pending = await this.outcomes.flush(event.id);
    if (pending) return this.count(kind, pending.type === 'notification.sent' ? 'sent' : 'failed');
    if (!event.guildId) return this.skip(kind, 'no_guild');
    if (this.isStale(event, kind)) return this.skip(kind, 'stale');
    const config = await this.options.guildConfig.get(event.guildId);
    if (!config.notifications.enabled) return this.skip(kind, 'notifications_disabled');
    const settings = config.notifications.living_message
      ? undefined
      : notificationSettings(config, kind, this.options.defaults);
    if (settings && 'skip' in settings) return this.skip(kind, settings.skip);
    if (settings && livingOnlyEventTypes.has(event.type)) return this.skip(kind, 'living_only');
    if (await this.outcomes.alreadyRecorded(event.id)) {
      this.logger.info({ kind }, 'already notified, not posting again');
      return this.count(kind, 'duplicate');
    }
    if (settings) return this.planAndDeliver(event, settings);
    const guildId = event.guildId;
    const outcome = await this.living.apply(event, config, (k, channelId, send) =>
      this.deliver(k, channelId, guildId, send),
    );
    await this.recordLiving(event, kind, outcome);
  }

  private async recordLiving(
    event: NotifyingEvent,
    kind: NotificationKind,
    outcome: LivingOutcome,
  ) {
    if ('skip' in outcome) return this.skip(kind, outcome.skip);
    const { result, action } = outcome;
    const duplicate = await this.outcomes.record(event, outcome, result);
    this.logOutcome(outcome, result, duplicate, action);
    this.finish(event, outcome.kind, result);
  }

  private async planAndDeliver(event: NotifyingEvent, settings: NotificationSettings) {
    const needOrigin = settings.channel === 'default';
    const { meeting, originChannelId } = await this.meetings.load(
      event.payload.meetingId,
      needOrigin,
    );
    const plan = planNotification({
      event,
      settings,
      meeting,
      originChannelId,
      links: this.options.links,
    });
    if (!plan.send) return this.skip(plan.kind, plan.reason);
    const { kind, channelId, content, components } = plan;
    const message = {
      channelId,
      content,
      nonce: messageNonce(event.id),
      ...(components ? { components } : {}),
    };
    const result = await this.deliver(kind, channelId, event.guildId ?? '', (signal) =>
      this.options.post(message, signal),
    );
    const duplicate = await this.outcomes.record(event, plan, result);
    this.logOutcome({ kind, channelId }, result, duplicate);
    this.finish(event, kind, result);
  }

  private finish(event: NotifyingEvent, kind: NotificationKind, result: DeliveryResult): void {
    if (result.ok) {
      const lagSeconds = (this.now() - Date.parse(event.recordedAt)) / 1000;
      observeTraced(this.options.metrics.lag, { kind }, Math.max(0, lagSeconds));
    }
    this.count(kind, result.ok ? 'sent' : 'failed');
  }

  /**
   * Each attempt first asks (cached) whether the channel is the guild's: a channel setting of
   * another guild, or one that moved or vanished since it was set, fails without a post.
   */
  private async deliver(
    kind: NotificationKind,
    channelId: string,
    guildId: string,
    send: (signal: AbortSignal) => Promise<string>,
  ): Promise<DeliveryResult> {
    const { channels, metrics, policy } = this.options;
    const signal = this.stopping.signal;
    const started = this.now();
    const result = await deliverWithRetry(policy, {
      send: async () => {
        if ((await channels.guildOf(channelId)) !== guildId)
          throw new ChannelNotInGuildError(guildId, channelId);
        return send(signal);
      },
      classify: classifyDiscordError,
      sleep: (ms) => sleep(ms, undefined, { signal }),
      onFailedAttempt: (failure, attempt) => {
        metrics.attempts.inc({ kind, result: failure.kind });
        this.logger.warn({ kind, channelId, attempt, failure }, 'Discord delivery attempt failed');
      },
    });
    if (result.ok) {
      metrics.attempts.inc({ kind, result: 'ok' });
      observeTraced(metrics.deliveryDuration, { kind }, (this.now() - started) / 1000);
    }
    return result;
  }

  private logOutcome(
    plan: { kind: NotificationKind; channelId: string },
    result: DeliveryResult,
    duplicate: boolean,
    action?: string,
  ): void {
    const { kind, channelId } = plan;
    const fields = { kind, channelId, attempts: result.attempts, duplicate, action };
    if (result.ok)
      this.logger.info({ ...fields, messageId: result.messageId }, 'notification sent');
    else this.logger.error({ ...fields, reason: result.reason }, 'notification failed');
  }

  private isStale(event: NotifyingEvent, kind: NotificationKind): boolean {
    const maxAge = this.options.maxEventAgeMs ?? 0;
    if (maxAge <= 0 || kind === 'recording_ready') return false;
    return this.now() - Date.parse(event.occurredAt) > maxAge;
  }

  private skip(kind: NotificationKind, reason: SkipReason): void {
    if (reason === 'stale') this.logger.info({ kind, reason }, 'not notifying');
    else this.logger.debug({ kind, reason }, 'not notifying');
    this.count(kind, 'skipped');
  }

  private count(kind: NotificationKind, outcome: NotificationOutcome): void {
    this.options.metrics.notifications.inc({ kind, outcome });
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }
}
