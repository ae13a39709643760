import type { ErrorCategory, KdError } from '@kd/events';

export const statusByCategory: Record<ErrorCategory, number> = {
  validation: 400,
  unauthenticated: 401,
  permission: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

/** Codes whose status is more precise than their category's: a well-formed request naming a
 * thing the server will not accept (a channel of another guild) is 422, not 400. */
const statusByCode: Record<string, number> = {
  'CONFIG.CHANNEL_NOT_IN_GUILD': 422,
};

export function statusOf(error: KdError): number {
  return statusByCode[error.code] ?? statusByCategory[error.category];
}
