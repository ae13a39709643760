import { randomUUID } from 'node:crypto';
import { KdError } from '@kd/events';
import { signJwt, type JwtClaims } from './jwt.js';
import type { Scope } from './scopes.js';
import type { TokenSettings } from './token-env.js';

export interface TokenRequest {
  subject: string;
  /** The guilds the token may act on; empty only for an operator token. */
  guilds: readonly string[];
  /** `operator` in scopes = any guild; then no guilds may be named. */
  scopes: readonly Scope[];
  ttlS: number;
}

const invalid = (message: string) =>
  new KdError('AUTH.INVALID_TOKEN_REQUEST', message, 'validation');

/** Decides the claims of a new token (refusing what verifyJwt would refuse) and signs them. */
export async function issueToken(
  request: TokenRequest,
  settings: TokenSettings,
  now: number,
): Promise<{ token: string; claims: JwtClaims }> {
  const operator = request.scopes.includes('operator');
  if (operator && request.guilds.length > 0)
    throw invalid('an operator token acts on every guild: name no guilds with it');
  if (!operator && request.guilds.length === 0)
    throw invalid('name the guilds the token acts on, or make it an operator token');
  if (request.scopes.length === 0) throw invalid('a token needs at least one scope');
  if (!Number.isInteger(request.ttlS) || request.ttlS < 1)
    throw invalid('the lifetime must be a positive number of seconds');
  if (request.ttlS > settings.maxLifetimeS)
    throw invalid(
      `the lifetime exceeds the maximum (${settings.maxLifetimeS} s, JWT_MAX_LIFETIME)`,
    );
  const iat = Math.floor(now / 1000);
  const claims: JwtClaims = {
    sub: request.subject,
    iss: settings.issuer,
    aud: settings.audience,
    jti: randomUUID(),
    iat,
    exp: iat + request.ttlS,
    scope: [...new Set(request.scopes)].join(' '),
    ...(operator ? {} : { guilds: [...new Set(request.guilds)] }),
  };
  return { token: await signJwt(claims, settings.secret), claims };
}
