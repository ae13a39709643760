import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { generateDiscordKeys } from '@kd/discord';

export interface SimKeys {
  privateKey: KeyObject;
  /** Raw 32-byte public key as 64 hex chars: what the api takes as DISCORD_PUBLIC_KEY. */
  publicKeyHex: string;
  generated: boolean;
}

/** An Ed25519 private key from PKCS#8 DER in base64 (`openssl genpkey -algorithm ed25519 -outform DER | base64 -w0`). */
export function parsePrivateKey(base64: string): KeyObject {
  const der = Buffer.from(base64.trim(), 'base64');
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  } catch {
    throw new Error('must be a PKCS#8 private key, DER encoded, in base64');
  }
  if (key.asymmetricKeyType !== 'ed25519')
    throw new Error(`must be an Ed25519 key, not ${key.asymmetricKeyType ?? 'unknown'}`);
  return key;
}

export function publicKeyHexOf(privateKey: KeyObject): string {
  const der = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  return der.subarray(der.length - 32).toString('hex');
}

/** The configured key pair, or a fresh one (then the api must be given its public key). */
export function loadSimKeys(base64: string | undefined): SimKeys {
  if (base64 === undefined) return { ...generateDiscordKeys(), generated: true };
  const privateKey = parsePrivateKey(base64);
  return { privateKey, publicKeyHex: publicKeyHexOf(privateKey), generated: false };
}
