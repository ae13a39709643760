import type { DomainEvent, EventType } from '@kd/events';

/**
 * One handler per event type a projection reads. The map is the list: a projection's `handles`
 * comes from its keys (`handledTypes`), so the two cannot drift apart.
 */
export type EventHandlers<T extends EventType, A extends unknown[]> = {
  readonly [K in T]: (event: DomainEvent<K>, ...args: A) => Promise<void>;
};

/** The event types a handler map covers, for a projection's `handles`. */
export function handledTypes<T extends EventType>(handlers: { readonly [K in T]: unknown }): T[] {
  return Object.keys(handlers) as T[];
}

/** Calls the handler for `event`'s type; false when the map has none. */
export async function dispatch<T extends EventType, A extends unknown[]>(
  handlers: EventHandlers<T, A>,
  event: DomainEvent,
  ...args: A
): Promise<boolean> {
  if (!Object.hasOwn(handlers, event.type)) return false;
  // The key matches the event's type, so the handler takes this event.
  const handler = handlers[event.type as T] as (event: DomainEvent, ...args: A) => Promise<void>;
  await handler(event, ...args);
  return true;
}
