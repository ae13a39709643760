import { z } from 'zod';
import { defineEvent } from '../define-event.js';
import { snowflake } from '../primitives.js';

const byCausation = ({ causationId }: { causationId?: string | undefined }) => causationId;

/** One outcome per causing event: a redelivered event can never be notified twice. */
export const notificationSent = defineEvent({
  type: 'notification.sent',
  version: 1,
  aggregate: 'notification',
  firstOnSubject: true,
  schema: z.object({ kind: z.string().max(64), channelId: snowflake, messageId: snowflake }),
  aggregateId: byCausation,
});

export const notificationFailed = defineEvent({
  type: 'notification.failed',
  version: 1,
  aggregate: 'notification',
  firstOnSubject: true,
  schema: z.object({
    kind: z.string().max(64),
    channelId: snowflake,
    attempts: z.number().int().positive(),
    reason: z.string().max(500),
  }),
  aggregateId: byCausation,
});
