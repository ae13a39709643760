/** How one notification is retried (NOTIFY_MAX_ATTEMPTS, NOTIFY_BACKOFF_MS). */
export interface RetryPolicy {
  maxAttempts: number;
  /** Wait after the first failed attempt; doubles after each further one, up to maxBackoffMs. */
  backoffMs: number;
  maxBackoffMs: number;
  /** A Retry-After longer than this is not waited out: the notification fails at once. */
  maxRetryAfterMs: number;
  /**
   * 429s waited out before giving up, counted apart from `maxAttempts`: Discord asked us to
   * slow down, nothing failed (a living message's edits meet per-channel limits). Absent: the
   * same budget as other failures.
   */
  maxRateLimitedAttempts?: number;
}

export const defaultRetryLimits = {
  maxBackoffMs: 30_000,
  maxRetryAfterMs: 60_000,
  maxRateLimitedAttempts: 10,
} as const;

/** Why one attempt failed, as far as retrying is concerned. */
export type DeliveryFailure =
  | { kind: 'rate_limited'; retryAfterMs: number; global: boolean }
  | { kind: 'server_error'; status: number }
  | { kind: 'network'; message: string }
  /** Discord refused the request (4xx other than 429): trying again cannot help. */
  | { kind: 'rejected'; status: number; code: string; message: string }
  /** The channel is not one of the event's guild (DESIGN §6b): nothing is posted, ever. */
  | { kind: 'channel_not_in_guild' }
  /** Discord's 10008 Unknown Message on an edit: someone deleted the message. */
  | { kind: 'unknown_message' };

export type NextStep = { retry: true; delayMs: number } | { retry: false; reason: string };

/**
 * After `attempts` attempts of the failure's budget (429s apart from the rest when the policy
 * says so), the last one failing this way: wait and retry, or give up.
 */
export function nextStep(
  policy: RetryPolicy,
  attempts: number,
  failure: DeliveryFailure,
): NextStep {
  if (['rejected', 'channel_not_in_guild', 'unknown_message'].includes(failure.kind))
    return { retry: false, reason: describe(failure) };
  const budget =
    failure.kind === 'rate_limited'
      ? (policy.maxRateLimitedAttempts ?? policy.maxAttempts)
      : policy.maxAttempts;
  if (attempts >= budget)
    return { retry: false, reason: `${describe(failure)}; gave up after ${attempts} attempts` };
  if (failure.kind !== 'rate_limited') return { retry: true, delayMs: backoff(policy, attempts) };
  if (failure.retryAfterMs > policy.maxRetryAfterMs)
    return { retry: false, reason: `${describe(failure)}, longer than we wait` };
  return { retry: true, delayMs: Math.max(0, failure.retryAfterMs) };
}

export function backoff(policy: RetryPolicy, attempts: number): number {
  return Math.min(policy.maxBackoffMs, policy.backoffMs * 2 ** Math.max(0, attempts - 1));
}

/** The `reason` of `notification.failed` (≤ 500 characters). */
export function describe(failure: DeliveryFailure): string {
  const text = ((): string => {
    switch (failure.kind) {
      case 'rate_limited':
        return `rate_limited: ${failure.global ? 'global' : 'route'} limit, retry after ${failure.retryAfterMs} ms`;
      case 'server_error':
        return `server_error: HTTP ${failure.status}`;
      case 'network':
        return `network: ${failure.message}`;
      case 'rejected':
        return `rejected: HTTP ${failure.status} ${failure.code} ${failure.message}`;
      case 'channel_not_in_guild':
        return 'channel_not_in_guild';
      case 'unknown_message':
        return 'unknown_message: the message was deleted';
    }
  })();
  return text.length > 500 ? `${text.slice(0, 499)}…` : text;
}
