import { describe, expect, it } from '@jest/globals';
import { signJwt, verifyJwt } from './jwt.js';
import { AuthError } from './errors.js';

const secret = 'a-secret-that-is-at-least-32-bytes-long!!';
const now = Date.parse('2026-11-23T10:00:00Z');
const valid = { sub: 'integrator-1', exp: now / 1000 + 3600 };
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function reasonOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    return error instanceof AuthError ? error.reason : `not an AuthError: ${String(error)}`;
  }
}

describe('verifyJwt', () => {
  it('accepts a token it signed and returns the claims', () => {
    expect(verifyJwt(signJwt(valid, secret), secret, now)).toEqual(valid);
  });

  it('refuses a token signed with another secret', () => {
    expect(reasonOf(() => verifyJwt(signJwt(valid, `${secret}x`), secret, now))).toBe(
      'bad_signature',
    );
  });

  it('refuses alg:none even with an empty signature', () => {
    const token = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(valid)}.`;
    expect(reasonOf(() => verifyJwt(token, secret, now))).toBe('bad_algorithm');
  });

  it('refuses a token whose payload was changed after signing', () => {
    const [h, , s] = signJwt(valid, secret).split('.');
    expect(
      reasonOf(() => verifyJwt(`${h}.${b64({ ...valid, sub: 'admin' })}.${s}`, secret, now)),
    ).toBe('bad_signature');
  });

  it('refuses expired and not-yet-valid tokens, with 30 s of tolerance', () => {
    expect(
      reasonOf(() => verifyJwt(signJwt({ ...valid, exp: now / 1000 - 31 }, secret), secret, now)),
    ).toBe('expired');
    expect(
      reasonOf(() => verifyJwt(signJwt({ ...valid, exp: now / 1000 - 29 }, secret), secret, now)),
    ).toBeUndefined();
    expect(
      reasonOf(() => verifyJwt(signJwt({ ...valid, nbf: now / 1000 + 60 }, secret), secret, now)),
    ).toBe('not_yet_valid');
  });

  it('refuses tokens without exp or with garbage parts', () => {
    expect(reasonOf(() => verifyJwt(signJwt({ sub: 'x' } as never, secret), secret, now))).toBe(
      'bad_claims',
    );
    expect(reasonOf(() => verifyJwt('not-a-jwt', secret, now))).toBe('malformed_token');
    expect(reasonOf(() => verifyJwt('a.b.c', secret, now))).toBe('malformed_token');
    expect(reasonOf(() => verifyJwt('x'.repeat(5000), secret, now))).toBe('malformed_token');
  });
});
