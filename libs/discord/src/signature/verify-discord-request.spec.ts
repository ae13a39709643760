import { createPrivateKey } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { thrownCode } from '../interactions/interaction.fixture.js';
import { generateDiscordKeys, signDiscordRequest } from './sign-discord-request.js';
import { verifyDiscordRequest } from './verify-discord-request.js';

const keys = generateDiscordKeys();
const now = new Date('2025-11-20T12:00:00.000Z');
const nowSeconds = now.getTime() / 1000;
const body = Buffer.from('{"type":1,"id":"100000000000000123"}');

const check = (
  raw: Buffer,
  signature: string | undefined,
  timestamp: string | undefined,
  publicKeyHex = keys.publicKeyHex,
) => verifyDiscordRequest(raw, signature, timestamp, publicKeyHex, now);

describe('verifyDiscordRequest', () => {
  it('accepts a request signed over timestamp + raw body with the application key', () => {
    const { signature, timestamp } = signDiscordRequest(body, keys.privateKey, nowSeconds);
    expect(check(body, signature, timestamp)).toEqual({ ok: true });
    expect(
      check(body, signature.toUpperCase(), timestamp, keys.publicKeyHex.toUpperCase()),
    ).toEqual({ ok: true });
  });

  it('exports the raw 32-byte public key as 64 hex characters', () => {
    expect(keys.publicKeyHex).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reads a raw public key given as hex (RFC 8032 test vector 1 key pair)', () => {
    const seed = '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60';
    const publicKeyHex = 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a';
    const pkcs8 = Buffer.from(`302e020100300506032b657004220420${seed}`, 'hex');
    const privateKey = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
    const { signature, timestamp } = signDiscordRequest(body, privateKey, nowSeconds);
    expect(check(body, signature, timestamp, publicKeyHex)).toEqual({ ok: true });
  });

  it('rejects a tampered body, a moved timestamp and another key as bad_signature', () => {
    const { signature, timestamp } = signDiscordRequest(body, keys.privateKey, nowSeconds);
    const tampered = Buffer.from(body.toString().replace('123', '124'));
    expect(check(tampered, signature, timestamp)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(check(body, signature, String(nowSeconds - 1))).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    const other = generateDiscordKeys();
    expect(check(body, signature, timestamp, other.publicKeyHex)).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
  });

  it('signs the bytes, not a re-serialization: whitespace changes break the signature', () => {
    const { signature, timestamp } = signDiscordRequest(body, keys.privateKey, nowSeconds);
    const reformatted = Buffer.from(JSON.stringify(JSON.parse(body.toString()), null, 1));
    expect(check(reformatted, signature, timestamp).ok).toBe(false);
  });

  it.each([
    ['older than 5 minutes', nowSeconds - 301],
    ['more than 1 minute ahead', nowSeconds + 61],
  ])('rejects a correctly signed request %s as stale_timestamp', (_, at) => {
    const { signature, timestamp } = signDiscordRequest(body, keys.privateKey, at);
    expect(check(body, signature, timestamp)).toEqual({ ok: false, reason: 'stale_timestamp' });
  });

  it('accepts the edges of the window and honours a configured one', () => {
    for (const at of [nowSeconds - 300, nowSeconds + 60]) {
      const { signature, timestamp } = signDiscordRequest(body, keys.privateKey, at);
      expect(check(body, signature, timestamp)).toEqual({ ok: true });
    }
    const { signature, timestamp } = signDiscordRequest(body, keys.privateKey, nowSeconds - 30);
    const window = { maxAgeSeconds: 10, maxFutureSeconds: 0 };
    expect(
      verifyDiscordRequest(body, signature, timestamp, keys.publicKeyHex, now, window),
    ).toEqual({ ok: false, reason: 'stale_timestamp' });
  });

  it('rejects missing or malformed headers as missing_headers', () => {
    const { signature, timestamp } = signDiscordRequest(body, keys.privateKey, nowSeconds);
    const cases: [string | undefined, string | undefined][] = [
      [undefined, timestamp],
      [signature, undefined],
      ['', timestamp],
      [signature.slice(2), timestamp],
      [`zz${signature.slice(2)}`, timestamp],
      [`${signature}00`, timestamp],
      [signature, 'yesterday'],
      [signature, `${timestamp}.5`],
    ];
    for (const [sig, ts] of cases)
      expect(check(body, sig, ts)).toEqual({ ok: false, reason: 'missing_headers' });
  });

  it('throws DISCORD.PUBLIC_KEY_INVALID for a malformed public key (a configuration error)', () => {
    const { signature, timestamp } = signDiscordRequest(body, keys.privateKey, nowSeconds);
    for (const bad of ['', 'abc', keys.publicKeyHex.slice(2), `${keys.publicKeyHex}00`])
      expect(thrownCode(() => check(body, signature, timestamp, bad))).toBe(
        'DISCORD.PUBLIC_KEY_INVALID',
      );
  });
});
