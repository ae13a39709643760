import { Inject, Injectable } from '@nestjs/common';
import { EventStore } from '@kd/event-store';
import { KdError } from '@kd/events';
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
import { parkedEvent, receivedEvent } from './webhook-events.js';

export interface IncomingNotification {
  rawBody: Buffer | undefined;
  contentType: string | undefined;
  signature: string | undefined;
  algorithm: string | undefined;
}

export interface WebhookAnswer {
  status: 'stored' | 'duplicate' | 'parked';
  jobId: string | null;
}

export class WebhookRejectedError extends KdError {}

/** A signed body we can never read: retrying it would not help, so it is parked and answered 200. */
class UnreadableNotification extends Error {}

/**
 * Kaltura HTTP notifications: verified over the raw bytes, stored as `kaltura.webhook_received`
 * (one event per job id however often Kaltura retries), turned into meeting events from durable
 * state (or parked until the meeting is known), and only then acknowledged with 200. Kaltura
 * retries anything but 200, 4xx included: only a bad signature is refused for good.
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
  ) {
    const { KALTURA_WEBHOOK_SECRET: hook, KALTURA_ADMIN_SECRET: admin } = config;
    if (hook && admin && hook !== admin)
      logger.warn(
        'KALTURA_WEBHOOK_SECRET differs from KALTURA_ADMIN_SECRET: Kaltura signs notifications with the partner admin secret only, so real notifications will be refused',
      );
  }

  async receive(incoming: IncomingNotification): Promise<WebhookAnswer> {
    const body = this.verify(incoming);
    try {
      return await this.record(this.read(body));
    } catch (error) {
      if (!(error instanceof UnreadableNotification)) throw error;
      return this.park(body, incoming.contentType, error.message);
    }
  }

  private async record(notification: KalturaHttpNotification): Promise<WebhookAnswer> {
    const jobId = notification.eventNotificationJobId;
    const event = receivedEvent(notification, this.actor(notification), currentCorrelationId());
    try {
      const result = await this.store.append(event);
      // Before answering 200: if this fails, Kaltura retries and both steps are idempotent.
      const fact = await this.runtime.meetings?.webhookFacts?.apply(result.event);
      this.count(result.duplicate ? 'duplicate' : 'accepted');
      this.logger.debug(
        { jobId, eventType: notification.eventType, duplicate: result.duplicate, fact },
        'kaltura notification stored',
      );
      return { status: result.duplicate ? 'duplicate' : 'stored', jobId };
    } catch (error) {
      // Ids and names Kaltura would never send (a path, 5,000 digits) fail the event's schema.
      if (error instanceof KdError && error.code === 'EVENT.INVALID')
        throw new UnreadableNotification(`notification cannot be stored: ${error.message}`);
      this.count('unavailable');
      throw error;
    }
  }

  private async park(
    body: Buffer,
    contentType: string | undefined,
    reason: string,
  ): Promise<WebhookAnswer> {
    const event = parkedEvent(body, contentType, reason, this.actor(), currentCorrelationId());
    try {
      await this.store.append(event);
      this.count('parked');
      this.logger.warn(
        { reason, bodySha256: event.payload.bodySha256 },
        'signed notification parked',
      );
      return { status: 'parked', jobId: null };
    } catch (error) {
      this.count('unavailable');
      throw error;
    }
  }

  private actor(notification?: KalturaHttpNotification) {
    const id = notification?.partnerId ?? this.config.KALTURA_PARTNER_ID ?? 'unknown';
    return { kind: 'kaltura' as const, id };
  }

  /** The signed bytes; anything unsigned is refused (401) and records nothing. */
  private verify(incoming: IncomingNotification): Buffer {
    const secret = this.config.KALTURA_WEBHOOK_SECRET ?? this.config.KALTURA_ADMIN_SECRET;
    if (!secret)
      throw this.reject(
        'not_configured',
        'WEBHOOK.NOT_CONFIGURED',
        'set KALTURA_ADMIN_SECRET (Kaltura signs with the partner admin secret) to accept Kaltura notifications',
        'unauthenticated',
      );
    const body = incoming.rawBody ?? Buffer.alloc(0);
    if (!verifyKalturaSignature(body, incoming.signature, incoming.algorithm, secret)) {
      this.authCounter.inc({ reason: 'kaltura_signature' });
      throw this.reject(
        'bad_signature',
        'WEBHOOK.BAD_SIGNATURE',
        'X-KALTURA-SIGNATURE does not match (or X-KALTURA-HASH-ALGO is not sha1, sha256 or sha512)',
        'unauthenticated',
      );
    }
    return body;
  }

  /** JSON or `data=<urlencoded JSON>`, decided from the bytes (never the Content-Type). */
  private read(body: Buffer): KalturaHttpNotification {
    let notification: KalturaHttpNotification;
    try {
      notification = parseKalturaNotification(body);
    } catch (error) {
      throw new UnreadableNotification((error as Error).message);
    }
    const problem = jsonShapeProblem(notification);
    if (problem)
      throw new UnreadableNotification(
        problem === 'too_deep'
          ? 'notification is nested too deeply'
          : 'notification holds text that cannot be stored (a NUL character or an unpaired UTF-16 surrogate)',
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
