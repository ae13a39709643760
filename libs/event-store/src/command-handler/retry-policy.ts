import { KdError } from '@kd/events';
import { ConcurrencyError } from '../errors.js';

/** Exponential backoff: the n-th pause lies in [½, 1] × min(maxMs, baseMs · 2^(n−1)). */
export interface Backoff {
  baseMs: number;
  maxMs: number;
}

/**
 * How a command is tried again. A conflict (another writer appended first) is always worth
 * another attempt; an unreachable NATS only when `unavailable` says how long to wait.
 */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  conflict: Backoff;
  unavailable?: Backoff;
}

/** Writers that collided are spread over a few milliseconds so they do not collide in lockstep. */
export const conflictBackoff: Backoff = { baseMs: 5, maxMs: 200 };

export const defaultRetryPolicy: RetryPolicy = { maxAttempts: 3, conflict: conflictBackoff };

/** The pause before attempt `attempt + 1`, or null when the error is not worth another try. */
export function retryDelay(
  policy: RetryPolicy,
  error: unknown,
  attempt: number,
  random: () => number,
): number | null {
  if (attempt >= policy.maxAttempts) return null;
  const backoff = error instanceof ConcurrencyError ? policy.conflict : transient(error, policy);
  if (!backoff) return null;
  const cap = Math.min(backoff.maxMs, backoff.baseMs * 2 ** (attempt - 1));
  return cap * (0.5 + 0.5 * random());
}

/** Anything but one of our own errors (a NATS timeout, a closed connection) may pass. */
function transient(error: unknown, policy: RetryPolicy): Backoff | undefined {
  const ours = error instanceof KdError;
  return !ours || error.category === 'unavailable' ? policy.unavailable : undefined;
}
