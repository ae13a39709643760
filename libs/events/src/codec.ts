import { eventCatalog } from './catalog/index.js';
import type { EventDefinition } from './define-event.js';
import { envelopeHeaderSchema } from './envelope.js';
import {
  EventValidationError,
  UnknownEventTypeError,
  UnsupportedEventVersionError,
} from './errors.js';
import { installedPersonKeyring, type PersonKeyring } from './personal/person-keyring.js';
import { openSealedValues } from './personal/protect-event.js';
import { toSchemaIssues } from './schema-issues.js';
import type { DomainEvent, EventType, NewEvent } from './types.js';
import type { z } from 'zod';

type AnyDefinition = EventDefinition<string, z.ZodType>;

export function isEventType(type: string): type is EventType {
  return Object.hasOwn(eventCatalog, type);
}

export function definitionOf(type: string): AnyDefinition {
  if (!isEventType(type)) throw new UnknownEventTypeError(type);
  return eventCatalog[type];
}

function parseWith<S extends z.ZodType>(
  schema: S,
  value: unknown,
  type: string,
  prefix = '',
): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issues = toSchemaIssues(result.error).map((i) => ({ ...i, path: prefix + i.path }));
    throw new EventValidationError(type, issues);
  }
  return result.data;
}

/**
 * Validates an event about to be appended and returns it stamped with the current version and
 * `recordedAt`. Throws EventValidationError (never publishes half-checked data).
 */
/** Envelope + current payload schema of one type, built once: one parse per event, not two. */
const fullSchemas = new Map<string, z.ZodType>();
function fullSchemaOf(definition: AnyDefinition): z.ZodType {
  let schema = fullSchemas.get(definition.type);
  if (!schema) {
    schema = envelopeHeaderSchema.extend({ payload: definition.schema });
    fullSchemas.set(definition.type, schema);
  }
  return schema;
}

export function prepareForAppend<T extends EventType>(
  event: NewEvent<T>,
  recordedAt: Date,
): DomainEvent<T> {
  const definition = definitionOf(event.type);
  const stamped = { ...event, version: definition.version, recordedAt: recordedAt.toISOString() };
  return parseWith(fullSchemaOf(definition), stamped, event.type) as DomainEvent<T>;
}

/**
 * Decodes an event read from the stream: validates the envelope, upcasts older versions one
 * step at a time (each step validated against that version's schema) and validates the result
 * against the current schema. Sealed personal values are opened first (docs/privacy.md): the
 * keyring must hold the keys they name (`PersonKeyring.ensure`).
 */
export function decodeEvent(
  stored: unknown,
  keyring: PersonKeyring | undefined = installedPersonKeyring(),
): DomainEvent {
  const raw = openSealedValues(stored, keyring);
  const type = typeOf(raw);
  if (isEventType(type)) {
    const definition = definitionOf(type);
    if ((raw as { version?: unknown }).version === definition.version) {
      return parseWith(fullSchemaOf(definition), raw, type) as DomainEvent;
    }
  }
  const header = parseWith(envelopeHeaderSchema, raw, type);
  const definition = definitionOf(header.type);
  if (header.version > definition.version) {
    throw new UnsupportedEventVersionError(header.type, header.version, definition.version);
  }
  let payload: unknown = (raw as { payload?: unknown }).payload;
  for (const upcaster of definition.upcasters.slice(header.version - 1)) {
    const old = parseWith(
      upcaster.schema,
      payload,
      header.type,
      `payload(v${upcaster.fromVersion}).`,
    );
    payload = upcaster.up(old as never);
  }
  const current = parseWith(definition.schema, payload, header.type, 'payload.');
  return { ...header, version: definition.version, payload: current } as DomainEvent;
}

function typeOf(raw: unknown): string {
  const type = (raw as { type?: unknown } | null)?.type;
  return typeof type === 'string' ? type : '(no type)';
}

/** The aggregate id the event's subject is keyed by (DESIGN §3 catalog). */
export function aggregateIdOf(event: NewEvent | DomainEvent): string {
  const definition = definitionOf(event.type);
  const id = definition.aggregateId(event);
  if (!id) {
    throw new EventValidationError(event.type, [
      { path: '', message: `no ${definition.aggregate} id to key the subject by` },
    ]);
  }
  return id;
}
