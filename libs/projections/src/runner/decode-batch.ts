import { KdError, installedPersonKeyring, PersonalDataError } from '@kd/events';
import {
  decodeStored,
  ensureKeysFor,
  type ConsumedMessage,
  type RecordedEvent,
} from '@kd/event-store';
import type { ParkedEvent } from './dead-letters.js';

export type DecodedMessage =
  | { seq: number; event: RecordedEvent; parked?: undefined; needsKeys?: undefined }
  | { seq: number; event?: undefined; parked: ParkedEvent; needsKeys?: undefined }
  /** Names a person key not in memory yet: decoded again by `completeDecoding`. */
  | { seq: number; event?: undefined; parked?: undefined; needsKeys: ConsumedMessage };

const lenient = new TextDecoder('utf-8');

/**
 * Decodes each message on its own: a malformed one becomes a parked entry, never a crash. Until
 * `keysLoaded`, a message whose person key is not in memory is only marked (no parked entry is
 * built for what will most likely decode once the key is loaded).
 */
export function decodeMessage(message: ConsumedMessage, keysLoaded = false): DecodedMessage {
  try {
    return { seq: message.seq, event: decodeStored(message.seq, message.data) };
  } catch (error) {
    const needsKeys =
      error instanceof PersonalDataError && error.code === 'PERSONAL.KEY_NOT_LOADED';
    if (needsKeys && !keysLoaded) return { seq: message.seq, needsKeys: message };
    const raw = lenient.decode(message.data);
    return { seq: message.seq, parked: toParked(message.seq, raw, error, peek(raw)) };
  }
}

/** Longest stretch of decoding without letting other work (the previous batch's queries) run. */
const sliceMs = 2;
const yieldToIo = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Decodes a batch, in order of sequence, yielding to the event loop every few milliseconds so the
 * previous batch's transaction keeps making round trips meanwhile, then loads the person keys the
 * first pass missed and decodes those messages again. The result needs no `completeDecoding`.
 */
export async function decodeBatch(
  messages: readonly ConsumedMessage[],
  now: () => number = () => performance.now(),
): Promise<DecodedMessage[]> {
  const decoded: DecodedMessage[] = [];
  let sliceStart = now();
  for (let i = 0; i < messages.length; i++) {
    decoded.push(decodeMessage(messages[i]!));
    if ((i & 31) === 31 && now() - sliceStart > sliceMs) {
      await yieldToIo();
      sliceStart = now();
    }
  }
  decoded.sort((a, b) => a.seq - b.seq);
  return completeDecoding(decoded);
}

const completed = new WeakMap<DecodedMessage[], Promise<DecodedMessage[]>>();

/**
 * Decoding is synchronous (it overlaps the previous commit); messages whose person keys were not
 * in memory yet are decoded again here, after loading those keys. Once per prepared batch, however
 * many projections share it.
 */
export function completeDecoding(decoded: DecodedMessage[]): Promise<DecodedMessage[]> {
  if (!decoded.some((d) => d.needsKeys)) return Promise.resolve(decoded);
  let done = completed.get(decoded);
  if (!done) {
    done = (async () => {
      const waiting = decoded.flatMap((d) => (d.needsKeys ? [d.needsKeys] : []));
      await ensureKeysFor(installedPersonKeyring(), waiting);
      return decoded.map((d) => (d.needsKeys ? decodeMessage(d.needsKeys, true) : d));
    })();
    completed.set(decoded, done);
  }
  return done;
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
