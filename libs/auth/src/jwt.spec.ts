import { describe, expect, it } from '@jest/globals';
import { createHmac } from 'node:crypto';
import { signJwt, verifyJwt } from './jwt.js';
import { AuthError } from './errors.js';
import type { TokenSettings } from './token-env.js';

const settings: TokenSettings = {
  secret: 'a-secret-that-is-at-least-32-bytes-long!!',
  issuer: 'kaltura-discord',
  audience: 'kaltura-discord-api',
  maxLifetimeS: 30 * 86_400,
};
const now = Date.parse('2026-11-23T10:00:00Z');
const nowS = now / 1000;
const guild = '123456789012345678';
const valid = {
  sub: 'integrator-1',
  iss: settings.issuer,
  aud: settings.audience,
  jti: 'b6f0c1de-0e1f-4c4e-9d51-6b7c8a9e0f12',
  iat: nowS,
  exp: nowS + 3600,
  scope: 'read write',
  guilds: [guild],
};
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const hmac = (header: object, body: object, secret = settings.secret, hash = 'sha256') => {
  const input = `${b64(header)}.${b64(body)}`;
  return `${input}.${createHmac(hash, secret).update(input).digest('base64url')}`;
};
const sign = (changes: Record<string, unknown> = {}) =>
  signJwt({ ...valid, ...changes }, settings.secret);

async function reasonOf(token: string | Promise<string>): Promise<string | undefined> {
  try {
    await verifyJwt(await token, settings, now);
    return undefined;
  } catch (error) {
    return error instanceof AuthError ? error.reason : `not an AuthError: ${String(error)}`;
  }
}

describe('verifyJwt', () => {
  it('accepts a token it signed and returns the claims', async () => {
    await expect(verifyJwt(await sign(), settings, now)).resolves.toEqual(valid);
  });

  it('accepts an operator token without guilds', async () => {
    expect(await reasonOf(sign({ guilds: undefined, scope: 'operator' }))).toBeUndefined();
  });

  it('refuses a token with neither guilds nor the operator scope', async () => {
    expect(await reasonOf(sign({ guilds: undefined }))).toBe('no_guilds');
    expect(await reasonOf(sign({ guilds: [] }))).toBe('bad_claims');
  });

  it('refuses a token signed with another secret or changed after signing', async () => {
    expect(await reasonOf(signJwt(valid, `${settings.secret}x`))).toBe('bad_signature');
    const [h, , s] = (await sign()).split('.');
    expect(await reasonOf(`${h}.${b64({ ...valid, guilds: ['987654321098765432'] })}.${s}`)).toBe(
      'bad_signature',
    );
  });

  it('refuses alg:none, RS256 over an HMAC (key confusion) and HS512', async () => {
    expect(await reasonOf(`${b64({ alg: 'none', typ: 'JWT' })}.${b64(valid)}.`)).toBe(
      'bad_algorithm',
    );
    expect(await reasonOf(hmac({ alg: 'RS256' }, valid))).toBe('bad_algorithm');
    expect(await reasonOf(hmac({ alg: 'HS512' }, valid, settings.secret, 'sha512'))).toBe(
      'bad_algorithm',
    );
  });

  it('checks iss and aud', async () => {
    expect(await reasonOf(sign({ iss: 'other' }))).toBe('bad_issuer');
    expect(await reasonOf(sign({ iss: undefined }))).toBe('bad_issuer');
    expect(await reasonOf(sign({ aud: 'other-api' }))).toBe('bad_audience');
    expect(await reasonOf(sign({ aud: undefined }))).toBe('bad_audience');
    expect(await reasonOf(sign({ aud: ['x', settings.audience] }))).toBeUndefined();
  });

  it('caps the lifetime: exp - iat over the maximum, or no iat, is refused', async () => {
    const max = settings.maxLifetimeS;
    expect(await reasonOf(sign({ exp: nowS + max }))).toBeUndefined();
    expect(await reasonOf(sign({ exp: nowS + max + 1 }))).toBe('lifetime_too_long');
    expect(await reasonOf(sign({ iat: undefined }))).toBe('bad_claims');
    expect(await reasonOf(sign({ iat: nowS + 3600, exp: nowS + 7200 }))).toBe('not_yet_valid');
  });

  it('requires jti (a subject token), sub and a known scope', async () => {
    expect(await reasonOf(sign({ jti: undefined }))).toBe('bad_claims');
    expect(await reasonOf(sign({ jti: 'a.b' }))).toBe('bad_claims');
    expect(await reasonOf(sign({ sub: undefined }))).toBe('bad_claims');
    expect(await reasonOf(sign({ scope: undefined }))).toBe('bad_claims');
    expect(await reasonOf(sign({ scope: 'read admin' }))).toBe('bad_claims');
  });

  it('refuses expired and not-yet-valid tokens, with 30 s of tolerance', async () => {
    expect(await reasonOf(sign({ iat: nowS - 100, exp: nowS - 31 }))).toBe('expired');
    expect(await reasonOf(sign({ iat: nowS - 100, exp: nowS - 29 }))).toBeUndefined();
    expect(await reasonOf(sign({ nbf: nowS + 60 }))).toBe('not_yet_valid');
  });

  it('refuses tokens without exp or with garbage parts', async () => {
    expect(await reasonOf(sign({ exp: undefined }))).toBe('bad_claims');
    expect(await reasonOf(sign({ exp: 'never' }))).toBe('bad_claims');
    expect(await reasonOf('not-a-jwt')).toBe('malformed_token');
    expect(await reasonOf('a.b.c')).toBe('malformed_token');
    expect(await reasonOf('x'.repeat(5000))).toBe('malformed_token');
  });
});
