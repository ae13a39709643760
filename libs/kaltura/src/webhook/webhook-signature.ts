import { createHash, timingSafeEqual } from 'node:crypto';

export const kalturaHashAlgos = ['sha1', 'sha256', 'sha512'] as const;
export type KalturaHashAlgo = (typeof kalturaHashAlgos)[number];

/** `X-KALTURA-SIGNATURE`: lowercase hex of hash(secret + raw body). A plain hash, not an HMAC. */
export function signKalturaNotification(
  rawBody: Buffer | string,
  secret: string,
  algo: KalturaHashAlgo = 'sha1',
): string {
  return createHash(algo).update(secret, 'utf8').update(rawBody).digest('hex');
}

/** `X-KALTURA-HASH-ALGO`, case-insensitive; absent means sha1 (Kaltura's default). Unknown → undefined. */
export function kalturaHashAlgoOf(header: string | undefined): KalturaHashAlgo | undefined {
  const name = (header ?? '').trim().toLowerCase() || 'sha1';
  return (kalturaHashAlgos as readonly string[]).includes(name)
    ? (name as KalturaHashAlgo)
    : undefined;
}

/**
 * Checks a notification's signature over the exact bytes received, in constant time.
 * Missing or malformed signature, or an unknown algorithm, is simply "not verified".
 */
export function verifyKalturaSignature(
  rawBody: Buffer | string,
  headerSignature: string | undefined,
  headerAlgo: string | undefined,
  secret: string,
): boolean {
  const algo = kalturaHashAlgoOf(headerAlgo);
  const given = (headerSignature ?? '').trim().toLowerCase();
  if (!algo || !secret || !/^[0-9a-f]+$/.test(given)) return false;
  const expected = Buffer.from(signKalturaNotification(rawBody, secret, algo), 'hex');
  const actual = Buffer.from(given, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
