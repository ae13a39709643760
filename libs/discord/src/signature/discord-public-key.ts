import { createPublicKey, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { KdError } from '@kd/events';

/** `DISCORD_PUBLIC_KEY`: the application's raw Ed25519 public key, 32 bytes as 64 hex chars. */
export const discordPublicKeySchema = z
  .string()
  .trim()
  .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex characters (the raw Ed25519 public key)');

/** SubjectPublicKeyInfo DER header for Ed25519; the 32 raw key bytes follow it. */
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

// Parsing a key costs more than a verify; one application has one key, so the map stays tiny.
const cache = new Map<string, KeyObject>();

/** The KeyObject for a raw hex public key, created once per key. */
export function discordPublicKey(publicKeyHex: string): KeyObject {
  const hex = publicKeyHex.trim().toLowerCase();
  const cached = cache.get(hex);
  if (cached) return cached;
  if (!discordPublicKeySchema.safeParse(hex).success)
    throw new KdError(
      'DISCORD.PUBLIC_KEY_INVALID',
      'the Discord public key must be 64 hex characters',
      'internal',
    );
  const der = Buffer.concat([SPKI_ED25519_PREFIX, Buffer.from(hex, 'hex')]);
  const key = createPublicKey({ key: der, format: 'der', type: 'spki' });
  cache.set(hex, key);
  return key;
}
