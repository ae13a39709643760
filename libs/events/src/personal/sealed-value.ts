import { createCipheriv, createDecipheriv, createHmac } from 'node:crypto';

/** A person's key: random id and 32-byte AES-256/HMAC secret, kept outside the stream. */
export interface PersonKey {
  kid: string;
  secret: Uint8Array;
}

export const sealedPrefix = 'kdp1.';
const maxOpened = 200_000;
const sealedPattern =
  /^kdp1\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]+)$/;

export interface SealedParts {
  kid: string;
  tag: string;
  iv: string;
  ciphertext: string;
}

const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64url');

/**
 * The value's pseudonym under the person's key: same value → same tag; no key → no tag. A
 * participant id `discord:<id>` is the same person as `<id>` and gets the same tag, so analytics
 * that fold one onto the other (docs/analytics-rules.md §4) still count once after a forget.
 */
export function tagOf(key: PersonKey, value: string): string {
  const identity = /^discord:(\d{17,20})$/.exec(value)?.[1] ?? value;
  return b64(createHmac('sha256', key.secret).update(identity).digest()).slice(0, 22);
}

export function placeholderOf(tag: string): string {
  return `forgotten:${tag}`;
}

/**
 * `kdp1.<kid>.<tag>.<iv>.<ciphertext>`: AES-256-GCM, the header as additional data. The IV is
 * derived from the value (SIV-like): one value, one IV, so no IV is ever shared by two different
 * plaintexts, and equal values seal equally (which the tag already shows) — sealing is cacheable.
 */
export function seal(key: PersonKey, value: string): string {
  const id = `${key.kid}|${value}`;
  const known = sealedValues.get(id);
  if (known !== undefined) return known;
  const sealed = encrypt(key, value);
  if (sealedValues.size >= maxOpened) sealedValues.clear();
  sealedValues.set(id, sealed);
  return sealed;
}

const sealedValues = new Map<string, string>();

function encrypt(key: PersonKey, value: string): string {
  const header = `${sealedPrefix}${key.kid}.${tagOf(key, value)}`;
  const iv = createHmac('sha256', key.secret).update(`iv:${value}`).digest().subarray(0, 12);
  const cipher = createCipheriv('aes-256-gcm', key.secret, iv);
  cipher.setAAD(Buffer.from(header));
  const body = Buffer.concat([cipher.update(value, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return `${header}.${b64(iv)}.${b64(body)}`;
}

export function parseSealed(value: unknown): SealedParts | null {
  if (typeof value !== 'string' || !value.startsWith(sealedPrefix)) return null;
  const match = sealedPattern.exec(value);
  if (!match) return null;
  return { kid: match[1]!, tag: match[2]!, iv: match[3]!, ciphertext: match[4]! };
}

const opened = new Map<string, string>();

/**
 * The clear value of this exact sealed text if it was opened before (its header was checked and
 * GCM authenticated it then), else undefined. The caller still checks the key's state.
 */
export function openedBefore(sealed: string): string | undefined {
  return opened.get(sealed);
}

/**
 * Opens a sealed value; throws when it was altered or sealed under another key. A value opened
 * once is remembered by its text (the same value always seals the same way), so reading a
 * person's thousandth event costs a lookup, not a decryption.
 */
export function open(secret: Uint8Array, parts: SealedParts): string {
  const id = `${sealedPrefix}${parts.kid}.${parts.tag}.${parts.iv}.${parts.ciphertext}`;
  const known = opened.get(id);
  if (known !== undefined) return known;
  const value = decrypt(secret, parts);
  if (opened.size >= maxOpened) opened.clear();
  opened.set(id, value);
  return value;
}

function decrypt(secret: Uint8Array, parts: SealedParts): string {
  const body = Buffer.from(parts.ciphertext, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', secret, Buffer.from(parts.iv, 'base64url'));
  decipher.setAAD(Buffer.from(`${sealedPrefix}${parts.kid}.${parts.tag}`));
  decipher.setAuthTag(body.subarray(body.length - 16));
  return Buffer.concat([
    decipher.update(body.subarray(0, body.length - 16)),
    decipher.final(),
  ]).toString('utf8');
}

/** The key ids of every sealed value in a stored message (cheap: no JSON parse). */
export function sealedKidsIn(text: string): string[] {
  const kids = new Set<string>();
  for (const match of text.matchAll(/"kdp1\.([A-Za-z0-9_-]{22})\./g)) kids.add(match[1]!);
  return [...kids];
}
