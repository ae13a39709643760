import type { ErrorCategory } from '@kd/events';

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
