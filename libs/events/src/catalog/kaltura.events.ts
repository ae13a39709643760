import { z } from 'zod';
import { defineEvent } from '../define-event.js';
import { snowflake, subjectToken } from '../primitives.js';

const kalturaField = z.string().max(128).nullable().optional();

/**
 * Carries every field that decides what the notification means for a meeting (DESIGN §6b), so a
 * notification stored before its meeting was known can be applied later from the event alone.
 * The four later fields are optional: events stored before them lack them (read as unknown).
 */
export const kalturaWebhookReceived = defineEvent({
  type: 'kaltura.webhook_received',
  version: 1,
  aggregate: 'kaltura',
  firstOnSubject: true,
  schema: z.object({
    notificationJobId: subjectToken,
    eventType: z.string().max(64),
    eventObjectType: z.string().max(64),
    objectType: z.string().max(64),
    objectId: z.string().max(64),
    templateSystemName: z.string().max(128).nullable(),
    /** The schedule resource id of the room the entry belongs to (room templates send it). */
    referenceId: kalturaField,
    /** The room's entry, on a recording of that room. */
    rootEntryId: kalturaField,
    /** Entry status (2 = READY) and live status (0 = stopped, 1 = playable), as Kaltura sent them. */
    entryStatus: kalturaField,
    liveStatus: kalturaField,
  }),
  aggregateId: ({ payload }) => payload.notificationJobId,
});

/**
 * A correctly signed notification that can never be read (not JSON, not a notification, ids no
 * subject can hold): kept for an operator and answered 200, or Kaltura would retry it for a day.
 * Keyed by the SHA-256 of the body, so its retries are stored once.
 */
export const kalturaWebhookParked = defineEvent({
  type: 'kaltura.webhook_parked',
  version: 1,
  aggregate: 'kaltura',
  firstOnSubject: true,
  schema: z.object({
    bodySha256: z.string().regex(/^[0-9a-f]{64}$/),
    reason: z.string().max(300),
    contentType: z.string().max(128).nullable(),
    bytes: z.number().int().nonnegative(),
    /** The body's first 2,000 characters, for the operator who investigates. */
    excerpt: z.string().max(2000),
  }),
  aggregateId: ({ payload }) => `parked-${payload.bodySha256}`,
});

export const kalturaApiFailed = defineEvent({
  type: 'kaltura.api_failed',
  version: 1,
  aggregate: 'kaltura',
  schema: z
    .object({
      service: z.string().max(64),
      action: z.string().max(64),
      code: z.string().max(64),
      message: z.string().max(1000),
      meetingId: subjectToken.nullable(),
      interactionId: snowflake.nullable(),
    })
    .refine((p) => p.meetingId !== null || p.interactionId !== null, {
      message: 'meetingId or interactionId is required',
    }),
  aggregateId: ({ payload }) => payload.meetingId ?? payload.interactionId,
});
