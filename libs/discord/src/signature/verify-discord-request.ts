import { verify } from 'node:crypto';
import { discordPublicKey } from './discord-public-key.js';

/** Reasons a request is refused; they are the `reason` label of `kd_auth_failures_total`. */
export type DiscordSignatureFailure = 'missing_headers' | 'bad_signature' | 'stale_timestamp';

export type DiscordSignatureCheck = { ok: true } | { ok: false; reason: DiscordSignatureFailure };

export interface TimestampWindow {
  /** Oldest accepted `X-Signature-Timestamp`, in seconds before `now`. */
  maxAgeSeconds: number;
  /** Clock skew tolerated the other way, in seconds after `now`. */
  maxFutureSeconds: number;
}

export const defaultTimestampWindow: TimestampWindow = { maxAgeSeconds: 300, maxFutureSeconds: 60 };

const SIGNATURE = /^[0-9a-fA-F]{128}$/;
const TIMESTAMP = /^\d{1,12}$/;

/**
 * Checks `X-Signature-Ed25519` over `X-Signature-Timestamp` + the raw body bytes. Discord probes
 * endpoints with bad signatures and drops one that accepts them. The signature is checked before
 * the clock so `stale_timestamp` only counts genuine but replayed (or delayed) requests.
 * Throws only for a malformed public key: that is a configuration error, not a bad request.
 */
export function verifyDiscordRequest(
  rawBody: Buffer,
  signatureHex: string | undefined,
  timestamp: string | undefined,
  publicKeyHex: string,
  now: Date,
  window: TimestampWindow = defaultTimestampWindow,
): DiscordSignatureCheck {
  const key = discordPublicKey(publicKeyHex);
  if (!signatureHex || !timestamp || !SIGNATURE.test(signatureHex) || !TIMESTAMP.test(timestamp))
    return { ok: false, reason: 'missing_headers' };
  const data = Buffer.concat([Buffer.from(timestamp, 'utf8'), rawBody]);
  if (!verify(null, data, key, Buffer.from(signatureHex, 'hex')))
    return { ok: false, reason: 'bad_signature' };
  const ageMs = now.getTime() - Number(timestamp) * 1000;
  if (ageMs > window.maxAgeSeconds * 1000 || -ageMs > window.maxFutureSeconds * 1000)
    return { ok: false, reason: 'stale_timestamp' };
  return { ok: true };
}
