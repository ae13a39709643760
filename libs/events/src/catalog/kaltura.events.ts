import { z } from 'zod';
import { defineEvent } from '../define-event.js';
import { snowflake, subjectToken } from '../primitives.js';

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
  }),
  aggregateId: ({ payload }) => payload.notificationJobId,
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
