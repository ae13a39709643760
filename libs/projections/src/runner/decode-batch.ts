import { KdError } from '@kd/events';
import { decodeStored, type ConsumedMessage, type RecordedEvent } from '@kd/event-store';
import type { ParkedEvent } from './dead-letters.js';

export type DecodedMessage =
  | { seq: number; event: RecordedEvent; parked?: undefined }
  | { seq: number; event?: undefined; parked: ParkedEvent };

const lenient = new TextDecoder('utf-8');

/** Decodes each message on its own: a malformed one becomes a parked entry, never a crash. */
export function decodeMessage(message: ConsumedMessage): DecodedMessage {
  try {
    return { seq: message.seq, event: decodeStored(message.seq, message.data) };
  } catch (error) {
    const raw = lenient.decode(message.data);
    return { seq: message.seq, parked: toParked(message.seq, raw, error, peek(raw)) };
  }
}

export function toParked(
  seq: number,
  raw: string,
  error: unknown,
  ids: { id: string | null; type: string | null },
): ParkedEvent {
  const code =
    error instanceof KdError
      ? error.code
      : error instanceof SyntaxError
        ? 'EVENT.MALFORMED_JSON'
        : 'PROJECTION.APPLY_FAILED';
  return {
    seq,
    eventId: ids.id,
    eventType: ids.type,
    errorCode: code,
    errorMessage: String((error as Error)?.message ?? error),
    raw,
  };
}

function peek(raw: string): { id: string | null; type: string | null } {
  try {
    const value = JSON.parse(raw) as { id?: unknown; type?: unknown };
    return {
      id: typeof value.id === 'string' ? value.id : null,
      type: typeof value.type === 'string' ? value.type : null,
    };
  } catch {
    return { id: null, type: null };
  }
}
