import { createHash, randomBytes } from 'node:crypto';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** Kaltura-looking entry ids: data-centre digit, `_`, eight lower-case letters or digits. */
export function entryIdFrom(bytes: Buffer): string {
  let id = '1_';
  for (let i = 0; i < 8; i++) id += ALPHABET[(bytes[i] ?? 0) % ALPHABET.length];
  return id;
}

export function randomEntryId(): string {
  return entryIdFrom(randomBytes(8));
}

/** Stable ids for seeded content, so demo links survive a restart. */
export function seededEntryId(seed: string): string {
  return entryIdFrom(createHash('sha1').update(seed).digest());
}
