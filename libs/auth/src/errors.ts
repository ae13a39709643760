import { KdError } from '@kd/events';

/** Why a bearer token was refused; also the `reason` label of kd_auth_failures_total. */
export type AuthFailureReason =
  | 'missing_token'
  | 'malformed_token'
  | 'bad_algorithm'
  | 'bad_signature'
  | 'expired'
  | 'not_yet_valid'
  | 'bad_claims'
  | 'bad_issuer'
  | 'bad_audience'
  | 'lifetime_too_long'
  | 'no_guilds'
  | 'revoked';

/** 401: the credentials are not accepted. A revoked token has a code of its own. */
export class AuthError extends KdError {
  constructor(
    readonly reason: AuthFailureReason,
    message: string,
  ) {
    super(
      reason === 'revoked' ? 'AUTH.TOKEN_REVOKED' : 'AUTH.INVALID_TOKEN',
      message,
      'unauthenticated',
      { details: { reason } },
    );
  }
}

/** 403: a valid token whose scopes do not include what the route needs. */
export class InsufficientScopeError extends KdError {
  constructor(required: string) {
    super(
      'AUTH.INSUFFICIENT_SCOPE',
      `this route needs a token with the "${required}" scope`,
      'permission',
    );
  }
}

/** 403: a valid token that names other guilds (and is not an operator token). */
export class GuildForbiddenError extends KdError {
  constructor(guildId: string) {
    super(
      'AUTH.GUILD_FORBIDDEN',
      `this token is not allowed to act on guild ${guildId}`,
      'permission',
    );
  }
}

/** 503: the revocation list has not been read yet; no token is accepted until it has. */
export class RevocationsNotLoadedError extends KdError {
  constructor() {
    super(
      'AUTH.REVOCATIONS_NOT_LOADED',
      'the list of revoked tokens is not loaded yet; retry in a few seconds',
      'unavailable',
    );
  }
}
