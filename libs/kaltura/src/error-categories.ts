import type { ErrorCategory } from '@kd/events';

const exact: Record<string, ErrorCategory> = {
  // Our own session is refused: a configuration problem on our side, nothing the user can fix.
  INVALID_KS: 'unavailable',
  MISSING_KS: 'unavailable',
  EXPIRED_KS: 'unavailable',
  INVALID_PARTNER_ID: 'unavailable',
  // Our app token is unknown, revoked, expired or hashed wrongly: the operator must act.
  APP_TOKEN_ID_NOT_FOUND: 'unavailable',
  APP_TOKEN_NOT_ACTIVE: 'unavailable',
  APP_TOKEN_EXPIRED: 'unavailable',
  INVALID_APP_TOKEN_HASH: 'unavailable',
  INVALID_WIDGET_ID: 'unavailable',
  START_WIDGET_SESSION_ERROR: 'unavailable',
  START_SESSION_ERROR: 'unavailable',
  SERVICE_FORBIDDEN: 'permission',
  ACTION_FORBIDDEN: 'permission',
  FEATURE_FORBIDDEN: 'permission',
  ANONYMOUS_ACCESS_FORBIDDEN: 'permission',
  ACTION_BLOCKED: 'rate_limited',
  INTERNAL_SERVERL_ERROR: 'unavailable',
  LOCK_TIMED_OUT: 'unavailable',
  SERVICE_DOES_NOT_EXISTS: 'internal',
  ACTION_DOES_NOT_EXISTS: 'internal',
};

/** Maps a Kaltura error code (`ENTRY_ID_NOT_FOUND`, …) to our error category. */
export function categoryOfKalturaCode(code: string): ErrorCategory {
  const known = exact[code];
  if (known) return known;
  if (code.endsWith('_NOT_FOUND')) return 'not_found';
  if (code.startsWith('SERVICE_FORBIDDEN')) return 'permission';
  if (/^(MISSING_MANDATORY_PARAMETER|INVALID_|PROPERTY_VALIDATION_)/.test(code))
    return 'validation';
  if (code.endsWith('_ALREADY_EXISTS')) return 'conflict';
  return 'internal';
}
