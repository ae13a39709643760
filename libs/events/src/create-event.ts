import { randomUUID } from 'node:crypto';
import type { Actor } from './envelope.js';
import type { EventType, NewEvent, PayloadOf } from './types.js';

export interface EventContext {
  actor: Actor;
  correlationId: string;
  causationId?: string;
  guildId: string | null;
  /** Defaults to now. Pass the source's own timestamp when there is one. */
  occurredAt?: Date;
  /** Deterministic id derived from the source (interaction id, notification job id). */
  id?: string;
}

export function newEvent<T extends EventType>(
  type: T,
  payload: PayloadOf<T>,
  context: EventContext,
): NewEvent<T> {
  const event = {
    id: context.id ?? randomUUID(),
    type,
    occurredAt: (context.occurredAt ?? new Date()).toISOString(),
    guildId: context.guildId,
    actor: context.actor,
    correlationId: context.correlationId,
    ...(context.causationId === undefined ? {} : { causationId: context.causationId }),
    payload,
  };
  return event as unknown as NewEvent<T>;
}
