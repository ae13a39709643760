import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

export interface DiscordTestKeys {
  /** Raw 32-byte public key as 64 hex chars, the form Discord shows as "Public Key". */
  publicKeyHex: string;
  privateKey: KeyObject;
}

export interface SignedDiscordRequest {
  signature: string;
  timestamp: string;
  headers: { 'x-signature-ed25519': string; 'x-signature-timestamp': string };
}

/** A fresh Ed25519 key pair, for tests and local runs that play Discord. */
export function generateDiscordKeys(): DiscordTestKeys {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const der = publicKey.export({ format: 'der', type: 'spki' });
  return { publicKeyHex: der.subarray(der.length - 32).toString('hex'), privateKey };
}

/** Signs a body the way Discord does: Ed25519 over timestamp + body; timestamp in Unix seconds. */
export function signDiscordRequest(
  body: Buffer | string,
  privateKey: KeyObject,
  timestamp: number | string = Math.floor(Date.now() / 1000),
): SignedDiscordRequest {
  const ts = String(timestamp);
  const data = Buffer.concat([Buffer.from(ts, 'utf8'), Buffer.from(body)]);
  const signature = sign(null, data, privateKey).toString('hex');
  return {
    signature,
    timestamp: ts,
    headers: { 'x-signature-ed25519': signature, 'x-signature-timestamp': ts },
  };
}
