import { KdError } from '@kd/events';

/** Why a bearer token was refused; also the `reason` label of kd_auth_failures_total. */
export type AuthFailureReason =
  | 'missing_token'
  | 'malformed_token'
  | 'bad_algorithm'
  | 'bad_signature'
  | 'expired'
  | 'not_yet_valid'
  | 'bad_claims';

export class AuthError extends KdError {
  constructor(
    readonly reason: AuthFailureReason,
    message: string,
  ) {
    super('AUTH.INVALID_TOKEN', message, 'unauthenticated', { details: { reason } });
  }
}
