import { createHmac, randomUUID } from 'node:crypto';

/** The api's default JWT_ISSUER and JWT_AUDIENCE. */
export const testTokenIssuer = 'kaltura-discord';
export const testTokenAudience = 'kaltura-discord-api';

/**
 * Claims of a valid REST API token (iss, aud, a fresh jti, iat now, 10 minutes, `read write`);
 * `extra` overrides or, with `undefined`, removes a claim. Name guilds or the operator scope.
 */
export function testTokenClaims(extra: Record<string, unknown> = {}): Record<string, unknown> {
  const iat = Math.floor(Date.now() / 1000);
  return {
    sub: 'integrator',
    iss: testTokenIssuer,
    aud: testTokenAudience,
    jti: randomUUID(),
    iat,
    exp: iat + 600,
    scope: 'read write',
    ...extra,
  };
}

/**
 * A compact JWT with any header and claims, HMAC-signed with `secret` (sha256 = HS256): tests
 * need tokens the issuing tool refuses to make (no guilds, too long, wrong audience, …).
 */
export function signTestJwt(
  claims: Record<string, unknown>,
  secret: string,
  header: Record<string, unknown> = { alg: 'HS256', typ: 'JWT' },
  hash = 'sha256',
): string {
  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${b64(header)}.${b64(claims)}`;
  return `${input}.${createHmac(hash, secret).update(input).digest('base64url')}`;
}

/** A valid token for the api (see testTokenClaims). */
export const testApiToken = (secret: string, extra: Record<string, unknown> = {}): string =>
  signTestJwt(testTokenClaims(extra), secret);
