import {
  installPersonKeyring,
  installedPersonKeyring,
  sealedKidsIn,
  type PersonKeyring,
} from '@kd/events';
import { PersonKeys, type PersonKeysOptions } from './person-keys.js';

/** Per connection (a process has one; tests open many), then per stream. */
const byConnection = new WeakMap<object, Map<string, PersonKeys>>();

/**
 * The one keyring of a stream on this connection; the first one opened becomes the process's
 * keyring for readers that are not handed one (projection runner, Nest transport).
 */
export function personKeysOf(options: PersonKeysOptions): PersonKeys {
  let byStream = byConnection.get(options.nats);
  if (!byStream) {
    byStream = new Map();
    byConnection.set(options.nats, byStream);
  }
  let keys = byStream.get(options.stream);
  if (!keys) {
    keys = new PersonKeys(options);
    byStream.set(options.stream, keys);
  }
  if (!installedPersonKeyring()) installPersonKeyring(keys);
  return keys;
}

const text = new TextDecoder('utf-8');

/** Loads the keys that the sealed values of these stored messages name, before decoding. */
export async function ensureKeysFor(
  keyring: PersonKeyring | undefined,
  messages: readonly { data: Uint8Array }[],
): Promise<void> {
  if (!keyring) return;
  const kids = new Set<string>();
  for (const message of messages)
    for (const kid of sealedKidsIn(text.decode(message.data))) kids.add(kid);
  if (kids.size > 0) await keyring.ensure(kids);
}
