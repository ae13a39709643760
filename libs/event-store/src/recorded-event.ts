import {
  decodeEvent,
  installedPersonKeyring,
  type DomainEvent,
  type PersonKeyring,
} from '@kd/events';

/** An event as read back from the stream, upcast to the current version of its type. */
export interface RecordedEvent<E extends DomainEvent = DomainEvent> {
  seq: number;
  event: E;
  /** Version the event was written with (before upcasting). */
  recordedVersion: number;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Parses and validates one stored message, opening its sealed personal values with the keyring
 * (whose keys the caller ensured: `ensureKeysFor`); throws a KdError (EVENT.*, PERSONAL.*) or
 * SyntaxError.
 */
export function decodeStored(
  seq: number,
  data: Uint8Array,
  keyring: PersonKeyring | undefined = installedPersonKeyring(),
): RecordedEvent {
  const raw: unknown = JSON.parse(decoder.decode(data));
  const recordedVersion = (raw as { version?: unknown }).version;
  const event = decodeEvent(raw, keyring);
  if (event.type === 'person.forgotten') keyring?.noteForgetting(event.payload.kid);
  return {
    seq,
    event,
    recordedVersion: typeof recordedVersion === 'number' ? recordedVersion : event.version,
  };
}
