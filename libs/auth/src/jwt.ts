import { SignJWT, errors as jose, jwtVerify } from 'jose';
import { z } from 'zod';
import { snowflake, subjectToken } from '@kd/events';
import { AuthError, type AuthFailureReason } from './errors.js';
import { parseScopeClaim } from './scopes.js';
import type { TokenSettings } from './token-env.js';

/**
 * The claims we issue and accept. `sub` names the integrator; `guilds` the guilds it may act on
 * (required unless `scope` holds `operator`); `scope` is space-separated (`read`, `write`,
 * `operator`); `jti` is what a revocation names (a subject token, so it can be an aggregate id).
 */
export const claimsSchema = z.object({
  sub: z.string().min(1).max(128),
  iss: z.string().min(1).max(200),
  aud: z.union([z.string().min(1).max(200), z.array(z.string().max(200)).min(1).max(10)]),
  jti: subjectToken,
  iat: z.number().int(),
  exp: z.number().int(),
  nbf: z.number().int().optional(),
  scope: z
    .string()
    .max(200)
    .refine((s) => parseScopeClaim(s) !== undefined, 'space-separated read, write, operator'),
  guilds: z.array(snowflake).min(1).max(100).optional(),
});
export type JwtClaims = z.output<typeof claimsSchema>;

const maxTokenLength = 4096;
const clockToleranceS = 30;
const encoder = new TextEncoder();

/**
 * Verifies an HS256 JWT with jose: HS256 only (no `none`, no RS256 key confusion), `iss` and
 * `aud` as configured, `exp`, `iat`, `jti` and `sub` required, 30 s of clock tolerance, a
 * lifetime (`exp − iat`) within the cap, and either named guilds or the operator scope.
 * Revocation is checked by the caller (it needs the revocation list).
 */
export async function verifyJwt(
  token: string,
  settings: TokenSettings,
  now: number,
): Promise<JwtClaims> {
  if (token.length > maxTokenLength) throw new AuthError('malformed_token', 'token too long');
  const payload = await jwtVerify(token, encoder.encode(settings.secret), {
    algorithms: ['HS256'],
    issuer: settings.issuer,
    audience: settings.audience,
    currentDate: new Date(now),
    clockTolerance: clockToleranceS,
    requiredClaims: ['exp', 'iat', 'jti', 'sub'],
  }).then(
    (result) => result.payload,
    (error: unknown) => {
      throw toAuthError(error);
    },
  );
  const parsed = claimsSchema.safeParse(payload);
  if (!parsed.success)
    throw new AuthError(
      'bad_claims',
      'claims missing or malformed (sub, jti, iat, exp and scope are required)',
    );
  return checkPolicy(parsed.data, settings, now);
}

function checkPolicy(claims: JwtClaims, settings: TokenSettings, now: number): JwtClaims {
  if (claims.iat > Math.floor(now / 1000) + clockToleranceS)
    throw new AuthError('not_yet_valid', 'token issued in the future');
  if (claims.exp - claims.iat > settings.maxLifetimeS)
    throw new AuthError(
      'lifetime_too_long',
      `token lifetime (exp - iat) exceeds the ${settings.maxLifetimeS} s maximum`,
    );
  if (!claims.guilds && !parseScopeClaim(claims.scope)?.includes('operator'))
    throw new AuthError('no_guilds', 'token names no guilds and has no operator scope');
  return claims;
}

const claimReasons: Record<string, AuthFailureReason> = {
  iss: 'bad_issuer',
  aud: 'bad_audience',
  nbf: 'not_yet_valid',
};

function toAuthError(error: unknown): AuthError {
  if (error instanceof jose.JWTExpired) return new AuthError('expired', 'token expired');
  if (error instanceof jose.JWTClaimValidationFailed)
    return new AuthError(
      claimReasons[error.claim] ?? 'bad_claims',
      `token refused: ${error.message}`,
    );
  if (error instanceof jose.JOSEAlgNotAllowed)
    return new AuthError('bad_algorithm', 'algorithm not accepted (HS256 only)');
  if (error instanceof jose.JWSSignatureVerificationFailed)
    return new AuthError('bad_signature', 'signature does not match');
  return new AuthError('malformed_token', 'not a readable compact JWT');
}

/** Signs claims as an HS256 JWT (issuing tool and tests; no policy applied). */
export async function signJwt(claims: Record<string, unknown>, secret: string): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(encoder.encode(secret));
}
