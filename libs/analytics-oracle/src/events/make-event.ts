import {
  eventCatalog,
  type Actor,
  type DomainEvent,
  type EventType,
  type PayloadOf,
} from '@kd/events';

export interface EventStamp {
  id: string;
  occurredAt: Date | string;
  /** Defaults to occurredAt. */
  recordedAt?: Date | string;
  guildId: string | null;
  actor?: Actor;
  correlationId?: string;
  causationId?: string;
}

const iso = (at: Date | string): string => (typeof at === 'string' ? at : at.toISOString());

/** A recorded event at the current version of its type, as the store would hand it back. */
export function makeEvent<T extends EventType>(
  type: T,
  payload: PayloadOf<T>,
  stamp: EventStamp,
): DomainEvent<T> {
  // Built without spreads: this runs once per generated event.
  const event: Record<string, unknown> = {
    id: stamp.id,
    type,
    version: eventCatalog[type].version,
    occurredAt: iso(stamp.occurredAt),
    recordedAt: iso(stamp.recordedAt ?? stamp.occurredAt),
    guildId: stamp.guildId,
    actor: stamp.actor ?? { kind: 'system', id: 'analytics-fixture' },
    correlationId: stamp.correlationId ?? `corr-${stamp.id}`,
  };
  if (stamp.causationId !== undefined) event.causationId = stamp.causationId;
  event.payload = payload;
  return event as unknown as DomainEvent<T>;
}
