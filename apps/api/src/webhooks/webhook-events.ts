import { createHash } from 'node:crypto';
import { newEvent, type EventContext } from '@kd/events';
import type { KalturaHttpNotification } from '@kd/kaltura';

type Actor = EventContext['actor'];

/**
 * `kaltura.webhook_received` with every field that decides what it means for a meeting, so it
 * can be applied from the event alone once its meeting is known (DESIGN §6b).
 */
export function receivedEvent(n: KalturaHttpNotification, actor: Actor, correlationId?: string) {
  const jobId = n.eventNotificationJobId;
  const object = n.object as Record<string, unknown>;
  return newEvent(
    'kaltura.webhook_received',
    {
      notificationJobId: jobId,
      eventType: n.eventType,
      eventObjectType: n.eventObjectType,
      objectType: n.object.objectType ?? n.objectType ?? 'unknown',
      objectId: n.object.id ?? '',
      templateSystemName: n.templateSystemName ?? null,
      referenceId: text(object.referenceId),
      rootEntryId: text(object.rootEntryId),
      entryStatus: text(object.status),
      liveStatus: text(object.liveStatus),
    },
    {
      id: `kaltura-job-${jobId}`,
      actor,
      correlationId: correlationId ?? `kaltura-job-${jobId}`,
      guildId: null,
    },
  );
}

/** A signed body that can never be read, kept (once per body) for an operator to look at. */
export function parkedEvent(
  body: Buffer,
  contentType: string | undefined,
  reason: string,
  actor: Actor,
  correlationId?: string,
) {
  const bodySha256 = createHash('sha256').update(body).digest('hex');
  return newEvent(
    'kaltura.webhook_parked',
    {
      bodySha256,
      reason: reason.slice(0, 300),
      contentType: contentType?.slice(0, 128) ?? null,
      bytes: body.length,
      // Storable text only: PostgreSQL's jsonb refuses NUL and lone surrogates.
      excerpt: body
        .toString('utf8')
        .slice(0, 2000)
        .replace(/\u0000|[\uD800-\uDFFF]/g, '\uFFFD'),
    },
    {
      id: `kaltura-parked-${bodySha256}`,
      actor,
      correlationId: correlationId ?? `kaltura-parked-${bodySha256}`,
      guildId: null,
    },
  );
}

function text(value: unknown): string | null {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
}
