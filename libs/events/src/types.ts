import type { z } from 'zod';
import type { eventCatalog } from './catalog/index.js';
import type { Envelope } from './envelope.js';

export type EventCatalog = typeof eventCatalog;
export type EventType = keyof EventCatalog;
export type PayloadOf<T extends EventType> = z.output<EventCatalog[T]['schema']>;

/** A recorded event of one type (or, without a type argument, the union of all of them). */
export type DomainEvent<T extends EventType = EventType> = T extends EventType
  ? Envelope<T, PayloadOf<T>>
  : never;

/** An event before it is appended: the store stamps `version` (current) and `recordedAt`. */
export type NewEvent<T extends EventType = EventType> = T extends EventType
  ? Omit<DomainEvent<T>, 'version' | 'recordedAt'>
  : never;
