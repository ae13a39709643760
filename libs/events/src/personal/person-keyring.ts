import type { PersonKey } from './sealed-value.js';

/** A key as a reader sees it: usable, being forgotten (reads as forgotten), or destroyed. */
export type KeyState =
  { state: 'live' | 'forgetting'; secret: Uint8Array } | { state: 'destroyed' };

/**
 * Where the codec finds person keys (the JetStream key-value store in @kd/event-store).
 * `stateOf` is synchronous so decoding stays synchronous: readers `ensure` the keys a batch
 * names before decoding it.
 */
export interface PersonKeyring {
  stateOf(kid: string): KeyState | undefined;
  ensure(kids: Iterable<string>): Promise<void>;
  /** The person's key, created on first use. */
  keyFor(personId: string): Promise<PersonKey>;
  /** A reader met `person.forgotten` for this key: show its values as forgotten from now on. */
  noteForgetting(kid: string): void;
}

let installed: PersonKeyring | undefined;

/** The process's keyring (set once by the event store of the process's stream). */
export function installPersonKeyring(keyring: PersonKeyring | undefined): void {
  installed = keyring;
}

export function installedPersonKeyring(): PersonKeyring | undefined {
  return installed;
}
