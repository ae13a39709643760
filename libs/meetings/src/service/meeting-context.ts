import type { EventContext, EventType } from '@kd/events';
import { derivedEventId } from '../domain/meeting-id.js';
import { meetingNotFound } from '../domain/meeting-errors.js';
import type { Meeting, MeetingState } from '../domain/meeting-state.js';

/** Builds the envelope of each event a command appends (called per event, so time is per event). */
export type ContextFor = (type: EventType) => EventContext;

/** What the webhook endpoint knows about the notification that reported a fact. */
export interface WebhookContext {
  /** Id of the event that recorded the notification (`kaltura.webhook_received`). */
  causationId: string;
  correlationId: string;
  /** Kaltura partner id: the actor of webhook-driven events. */
  partnerId: string | number;
  /** When Kaltura says it happened, if the notification tells; otherwise now. */
  occurredAt?: Date;
}

export function userContext(
  user: { userId: string; guildId: string; correlationId: string },
  now: () => Date,
): ContextFor {
  return () => ({
    actor: { kind: 'user', id: user.userId },
    correlationId: user.correlationId,
    guildId: user.guildId,
    occurredAt: now(),
  });
}

/** Event ids derive from the causation, so a redelivered notification is stored once. */
export function kalturaContext(
  ctx: WebhookContext,
  guildId: string | null,
  now: () => Date,
): ContextFor {
  return (type) => ({
    actor: { kind: 'kaltura', id: String(ctx.partnerId) },
    correlationId: ctx.correlationId,
    causationId: ctx.causationId,
    guildId,
    occurredAt: ctx.occurredAt ?? now(),
    id: derivedEventId(ctx.causationId, type.slice(type.indexOf('.') + 1)),
  });
}

export function requireMeeting(state: MeetingState, meetingId: string): Meeting {
  if (state.status === 'none') throw meetingNotFound(meetingId);
  return state;
}
