import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { AuthError } from './errors.js';

/** The claims we issue and accept. `sub` identifies the integrator; `guilds` limits access. */
export const claimsSchema = z.object({
  sub: z.string().min(1).max(128),
  exp: z.number().int(),
  iat: z.number().int().optional(),
  nbf: z.number().int().optional(),
  scope: z.string().max(500).optional(),
  guilds: z
    .array(z.string().regex(/^\d{17,20}$/))
    .max(100)
    .optional(),
});
export type JwtClaims = z.output<typeof claimsSchema>;

const headerSchema = z.object({ alg: z.string(), typ: z.string().optional() });
const maxTokenLength = 4096;

/**
 * Verifies an HS256 JWT. Only HS256 is accepted (no `none`, no algorithm switching), the
 * signature is compared in constant time, and `exp` is required; clock skew tolerance is 30 s.
 */
export function verifyJwt(token: string, secret: string, now = Date.now()): JwtClaims {
  if (token.length > maxTokenLength) throw new AuthError('malformed_token', 'token too long');
  const parts = token.split('.');
  if (parts.length !== 3)
    throw new AuthError('malformed_token', 'a JWT has three dot-separated parts');
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  const header = headerSchema.safeParse(decodeJson(headerPart));
  if (!header.success) throw new AuthError('malformed_token', 'unreadable JWT header');
  if (header.data.alg !== 'HS256')
    throw new AuthError(
      'bad_algorithm',
      `algorithm ${header.data.alg} is not accepted (HS256 only)`,
    );
  const expected = sign(`${headerPart}.${payloadPart}`, secret);
  const given = Buffer.from(signaturePart, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new AuthError('bad_signature', 'signature does not match');
  const claims = claimsSchema.safeParse(decodeJson(payloadPart));
  if (!claims.success)
    throw new AuthError('bad_claims', 'claims missing or malformed (sub and exp are required)');
  const nowS = Math.floor(now / 1000);
  if (claims.data.exp < nowS - 30) throw new AuthError('expired', 'token expired');
  if (claims.data.nbf !== undefined && claims.data.nbf > nowS + 30)
    throw new AuthError('not_yet_valid', 'token not valid yet');
  return claims.data;
}

/** Issues an HS256 JWT (for operators' tooling and tests). */
export function signJwt(claims: JwtClaims, secret: string): string {
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = base64url(JSON.stringify(claims));
  return `${header}.${payload}.${sign(`${header}.${payload}`, secret).toString('base64url')}`;
}

function sign(input: string, secret: string): Buffer {
  return createHmac('sha256', secret).update(input).digest();
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

function decodeJson(part: string): unknown {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}
