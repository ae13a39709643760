import { decodeEvent, type DomainEvent } from '@kd/events';

/** An event as read back from the stream, upcast to the current version of its type. */
export interface RecordedEvent<E extends DomainEvent = DomainEvent> {
  seq: number;
  event: E;
  /** Version the event was written with (before upcasting). */
  recordedVersion: number;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Parses and validates one stored message; throws a KdError (EVENT.*) or SyntaxError. */
export function decodeStored(seq: number, data: Uint8Array): RecordedEvent {
  const raw: unknown = JSON.parse(decoder.decode(data));
  const recordedVersion = (raw as { version?: unknown }).version;
  const event = decodeEvent(raw);
  return {
    seq,
    event,
    recordedVersion: typeof recordedVersion === 'number' ? recordedVersion : event.version,
  };
}
