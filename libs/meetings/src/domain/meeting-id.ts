import { createHash, randomBytes } from 'node:crypto';
import { subjectTokenPattern } from '@kd/events';

const ID_CHARS = 10;
const SPACE = 36n ** BigInt(ID_CHARS);
const MEETING_ID = /^m[0-9a-z]{10}$/;

/**
 * `m` + 10 base-36 characters (≈ 52 bits) from the CSPRNG: short enough to read out or type,
 * safe as a NATS subject token, and unguessable enough that an id is not an invitation.
 */
export function newMeetingId(): string {
  const n = randomBytes(8).readBigUInt64BE() % SPACE;
  return `m${n.toString(36).padStart(ID_CHARS, '0')}`;
}

/** The canonical form of an id a user typed (`M1ABC…` → `m1abc…`), or null if it cannot be one. */
export function parseMeetingId(input: string): string | null {
  const id = input.trim().toLowerCase();
  return MEETING_ID.test(id) ? id : null;
}

/**
 * A deterministic event id for what one cause (a webhook event) led to, so a redelivery is
 * stored once (`Nats-Msg-Id`). Ids that would not be valid subject tokens are hashed.
 */
export function derivedEventId(causationId: string, suffix: string): string {
  const id = `${causationId}-${suffix}`;
  if (id.length <= 128 && subjectTokenPattern.test(id)) return id;
  return `c${createHash('sha256').update(causationId).digest('hex').slice(0, 40)}-${suffix}`;
}
