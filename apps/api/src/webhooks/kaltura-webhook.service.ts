import { Inject, Injectable } from '@nestjs/common';
import { EventStore } from '@kd/event-store';
import { KdError, newEvent } from '@kd/events';
import {
  parseKalturaNotification,
  verifyKalturaSignature,
  type KalturaHttpNotification,
} from '@kd/kaltura';
import { currentCorrelationId, type Logger } from '@kd/observability';
import { jsonShapeProblem } from '@kd/platform';
import type { ApiConfig } from '../api.config.js';
import { API_CONFIG, LOGGER } from '../api.tokens.js';
import { authFailures } from '../rest/jwt-auth.guard.js';
import { webhooksTotal, type WebhookOutcome } from './webhook-metrics.js';
import { COMMAND_RUNTIME } from '../interactions/interactions.tokens.js';
import type { CommandRuntime } from '../interactions/command-runtime.js';
import { factOf, type NotificationFact } from './notification-facts.js';

export interface IncomingNotification {
  rawBody: Buffer | undefined;
  contentType: string | undefined;
  signature: string | undefined;
  algorithm: string | undefined;
}

export class WebhookRejectedError extends KdError {}

/**
 * Kaltura HTTP notifications: verified over the raw bytes, stored as `kaltura.webhook_received`
 * (one event per job id however often Kaltura retries), and only then acknowledged.
 */
@Injectable()
export class KalturaWebhookService {
  private readonly counter = webhooksTotal();
  private readonly authCounter = authFailures();

  constructor(
    private readonly store: EventStore,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(COMMAND_RUNTIME) private readonly runtime: CommandRuntime,
  ) {}

  async receive(incoming: IncomingNotification): Promise<{ duplicate: boolean; jobId: string }> {
    const notification = this.verify(incoming);
    const jobId = notification.eventNotificationJobId;
    const event = newEvent(
      'kaltura.webhook_received',
      {
        notificationJobId: jobId,
        eventType: notification.eventType,
        eventObjectType: notification.eventObjectType,
        objectType: notification.object.objectType ?? notification.objectType ?? 'unknown',
        objectId: notification.object.id ?? '',
        templateSystemName: notification.templateSystemName ?? null,
      },
      {
        id: `kaltura-job-${jobId}`,
        actor: {
          kind: 'kaltura',
          id: notification.partnerId ?? this.config.KALTURA_PARTNER_ID ?? 'unknown',
        },
        correlationId: currentCorrelationId() ?? `kaltura-job-${jobId}`,
        guildId: null,
      },
    );
    try {
      const result = await this.store.append(event);
      // Before answering 200: if this fails, Kaltura retries and both steps are idempotent.
      await this.recordFact(notification, event.id, event.correlationId);
      this.count(result.duplicate ? 'duplicate' : 'accepted');
      this.logger.debug(
        { jobId, eventType: notification.eventType, duplicate: result.duplicate },
        'kaltura notification stored',
      );
      return { duplicate: result.duplicate, jobId };
    } catch (error) {
      const invalid = error instanceof KdError && error.category === 'validation';
      this.count(invalid ? 'invalid' : 'unavailable');
      // Ids and names Kaltura would never send (a path, 5,000 digits) fail the event's schema.
      if (invalid && error.code === 'EVENT.INVALID')
        throw new WebhookRejectedError(
          'WEBHOOK.INVALID',
          `notification cannot be stored: ${error.message}`,
          'validation',
        );
      throw error;
    }
  }

  /** The meeting events a notification we understand implies (causation = the webhook event). */
  private async recordFact(
    notification: KalturaHttpNotification,
    causationId: string,
    correlationId: string,
  ): Promise<void> {
    const fact = factOf(notification);
    const meetings = this.runtime.meetings;
    if (!fact || !meetings) return;
    const meeting = await this.runtime.meetingQueries.findByKalturaResource(fact.resourceId);
    if (!meeting) {
      this.logger.info(
        { resourceId: fact.resourceId, fact: fact.kind },
        'notification for a room we did not create; stored as received only',
      );
      return;
    }
    const ctx = {
      causationId,
      correlationId,
      partnerId: notification.partnerId ?? this.config.KALTURA_PARTNER_ID ?? 'unknown',
    };
    await this.apply(meetings, meeting.meetingId, fact, ctx);
  }

  private async apply(
    meetings: NonNullable<CommandRuntime['meetings']>,
    meetingId: string,
    fact: NotificationFact,
    ctx: { causationId: string; correlationId: string; partnerId: string },
  ): Promise<void> {
    switch (fact.kind) {
      case 'started':
        await meetings.recordStarted(meetingId, ctx);
        return;
      case 'ended':
        await meetings.recordEndedByKaltura(meetingId, ctx);
        return;
      case 'recording_ready':
        await meetings.recordRecordingReady(meetingId, fact.entryId, ctx);
        return;
    }
  }

  private verify(incoming: IncomingNotification): KalturaHttpNotification {
    const secret = this.config.KALTURA_WEBHOOK_SECRET ?? this.config.KALTURA_ADMIN_SECRET;
    if (!secret)
      throw this.reject(
        'not_configured',
        'WEBHOOK.NOT_CONFIGURED',
        'set KALTURA_WEBHOOK_SECRET or KALTURA_ADMIN_SECRET to accept Kaltura notifications',
        'unauthenticated',
      );
    if (!incoming.rawBody)
      throw this.reject(
        'invalid',
        'WEBHOOK.UNSUPPORTED_MEDIA_TYPE',
        'send application/json or application/x-www-form-urlencoded',
        'validation',
      );
    if (!verifyKalturaSignature(incoming.rawBody, incoming.signature, incoming.algorithm, secret)) {
      this.authCounter.inc({ reason: 'kaltura_signature' });
      throw this.reject(
        'bad_signature',
        'WEBHOOK.BAD_SIGNATURE',
        'X-KALTURA-SIGNATURE does not match (or X-KALTURA-HASH-ALGO is not sha1, sha256 or sha512)',
        'unauthenticated',
      );
    }
    let notification: KalturaHttpNotification;
    try {
      notification = parseKalturaNotification(incoming.rawBody, incoming.contentType);
    } catch (error) {
      throw this.reject('invalid', 'WEBHOOK.INVALID', (error as Error).message, 'validation');
    }
    // The data= form carries JSON the body guard never saw parsed.
    const problem = jsonShapeProblem(notification);
    if (problem)
      throw this.reject(
        'invalid',
        'WEBHOOK.INVALID',
        problem === 'too_deep'
          ? 'notification is nested too deeply'
          : 'notification holds text that cannot be stored (a NUL character or an unpaired UTF-16 surrogate)',
        'validation',
      );
    return notification;
  }

  private reject(
    outcome: WebhookOutcome,
    code: string,
    message: string,
    category: 'validation' | 'unauthenticated',
  ): KdError {
    this.count(outcome);
    return new WebhookRejectedError(code, message, category);
  }

  private count(outcome: WebhookOutcome): void {
    this.counter.inc({ source: 'kaltura', outcome });
  }
}
