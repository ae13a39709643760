import { KdError } from '../errors.js';
import { personOf } from './personal-field.js';
import type { PersonKeyring } from './person-keyring.js';
import {
  open,
  openedBefore,
  parseSealed,
  placeholderOf,
  seal,
  sealedPrefix,
  type PersonKey,
} from './sealed-value.js';

interface Protectable {
  type: string;
  actor: { kind: string; id: string };
  payload: unknown;
}

export class PersonalDataError extends KdError {
  constructor(code: 'NO_KEYRING' | 'KEY_NOT_LOADED' | 'TAMPERED', message: string) {
    super(`PERSONAL.${code}`, message, code === 'TAMPERED' ? 'validation' : 'internal');
  }
}

/** The Discord users whose values an event would seal (its personal fields and a user actor). */
export function personsIn(
  event: Protectable,
  fields: readonly string[],
  owners: Readonly<Record<string, string>> = {},
): string[] {
  const persons = new Set<string>();
  if (event.actor.kind === 'user') addPerson(persons, event.actor.id);
  const payload = event.payload as Record<string, unknown>;
  for (const field of fields) addPerson(persons, payload[owners[field] ?? field]);
  return [...persons];
}

function addPerson(persons: Set<string>, value: unknown): void {
  const person = personOf(value);
  if (person) persons.add(person);
}

/** A copy of the event with every personal value sealed under its person's key. */
export function sealEvent<E extends Protectable>(
  event: E,
  fields: readonly string[],
  keyOf: (personId: string) => PersonKey,
  owners: Readonly<Record<string, string>> = {},
): E {
  const sealValue = (value: unknown, owner: unknown = value): unknown => {
    const person = personOf(owner);
    return person && typeof value === 'string' ? seal(keyOf(person), value) : value;
  };
  const clear = event.payload as Record<string, unknown>;
  const payload = { ...clear };
  for (const field of fields)
    if (field in payload) payload[field] = sealValue(clear[field], clear[owners[field] ?? field]);
  const actor =
    event.actor.kind === 'user' ? { ...event.actor, id: sealValue(event.actor.id) } : event.actor;
  return { ...event, actor, payload };
}

/**
 * Opens the sealed values of a stored event (top-level payload fields and the actor id): the
 * clear value while the key lives, `forgotten:<tag>` once it is being forgotten or destroyed.
 * `person.forgotten` itself is readable while its forget runs, so projections can find the rows.
 * Copies only what it opens (this runs for every event a reader decodes).
 */
export function openSealedValues(raw: unknown, keyring: PersonKeyring | undefined): unknown {
  if (typeof raw !== 'object' || raw === null) return raw;
  const event = raw as { type?: unknown; actor?: { id?: unknown }; payload?: unknown };
  const readForgetting = event.type === 'person.forgotten';
  let actor = event.actor;
  if (actor && looksSealed(actor.id))
    actor = { ...actor, id: openOne(actor.id, keyring, readForgetting) };
  let payload = event.payload;
  if (payload && typeof payload === 'object' && !Array.isArray(payload)) {
    const fields = payload as Record<string, unknown>;
    let copy: Record<string, unknown> | undefined;
    for (const name of Object.keys(fields)) {
      const value = fields[name];
      if (!looksSealed(value)) continue;
      copy ??= { ...fields };
      copy[name] = openOne(value, keyring, readForgetting);
    }
    if (copy) payload = copy;
  }
  return actor !== event.actor || payload !== event.payload ? { ...event, actor, payload } : raw;
}

const looksSealed = (value: unknown): value is string =>
  typeof value === 'string' && value.startsWith(sealedPrefix);

/** `kdp1.<kid>.…`: the key id's place in a sealed text (fixed length). */
const kidOf = (sealed: string): string =>
  sealed.slice(sealedPrefix.length, sealedPrefix.length + 22);

function openOne(value: string, keyring: PersonKeyring | undefined, readForgetting: boolean) {
  const known = keyring ? openedBefore(value) : undefined;
  if (known !== undefined && keyring?.stateOf(kidOf(value))?.state === 'live') return known;
  const parts = parseSealed(value);
  if (!parts) return value;
  if (!keyring) throw new PersonalDataError('NO_KEYRING', 'a sealed value needs a person keyring');
  const key = keyring.stateOf(parts.kid);
  if (!key) throw new PersonalDataError('KEY_NOT_LOADED', `key ${parts.kid} was not loaded`);
  if (key.state === 'destroyed' || (key.state === 'forgetting' && !readForgetting)) {
    return placeholderOf(parts.tag);
  }
  try {
    return open(key.secret, parts);
  } catch {
    throw new PersonalDataError('TAMPERED', `sealed value under key ${parts.kid} does not open`);
  }
}
