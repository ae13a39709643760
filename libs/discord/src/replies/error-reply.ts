import { KdError, type ErrorCategory } from '@kd/events';
import type { Reply } from './reply.js';

export const INTERNAL_ERROR_CODE = 'INTERNAL.ERROR';

/**
 * Categories whose message is written for the user; the others carry technical detail (service
 * names, status codes) and get a plain explanation instead.
 */
const generic: Record<ErrorCategory, string | null> = {
  validation: null,
  permission: null,
  not_found: null,
  conflict: null,
  unauthenticated: 'This app could not sign in to a service it needs. An admin has been told.',
  rate_limited: 'Too many requests right now. Please try again in a minute.',
  unavailable: 'A service this command needs is not reachable right now. Please try again soon.',
  internal: 'Something went wrong on our side. Please try again later.',
};

/** The stable code of an error, as recorded in `command.executed.errorCode`. */
export function errorCodeOf(error: unknown): string {
  return error instanceof KdError ? error.code : INTERNAL_ERROR_CODE;
}

/** An ephemeral reply saying what went wrong, with the stable code in small print. */
export function errorReply(error: unknown): Reply {
  const category = error instanceof KdError ? error.category : 'internal';
  const message = generic[category] ?? (error as KdError).message;
  return { content: `❌ ${message}\n-# ${errorCodeOf(error)}`, ephemeral: true };
}
