import { describe as group, expect, it } from '@jest/globals';
import { backoff, describe, nextStep, type RetryPolicy } from './retry-policy.js';

const policy: RetryPolicy = {
  maxAttempts: 5,
  backoffMs: 500,
  maxBackoffMs: 3000,
  maxRetryAfterMs: 60_000,
};
const serverError = { kind: 'server_error', status: 502 } as const;

group('nextStep', () => {
  it('backs off exponentially from NOTIFY_BACKOFF_MS, capped', () => {
    expect([1, 2, 3, 4, 5].map((n) => backoff(policy, n))).toEqual([500, 1000, 2000, 3000, 3000]);
    expect(nextStep(policy, 2, serverError)).toEqual({ retry: true, delayMs: 1000 });
    expect(nextStep(policy, 1, { kind: 'network', message: 'ECONNRESET' })).toEqual({
      retry: true,
      delayMs: 500,
    });
  });

  it('waits exactly what Retry-After asks after a 429', () => {
    const limited = { kind: 'rate_limited', retryAfterMs: 1050, global: false } as const;
    expect(nextStep(policy, 1, limited)).toEqual({ retry: true, delayMs: 1050 });
  });

  it('gives up after the last attempt, whatever the failure', () => {
    expect(nextStep(policy, 5, serverError)).toEqual({
      retry: false,
      reason: 'server_error: HTTP 502; gave up after 5 attempts',
    });
    const limited = { kind: 'rate_limited', retryAfterMs: 10, global: true } as const;
    expect(nextStep(policy, 5, limited)).toMatchObject({ retry: false });
  });

  it('does not wait out a Retry-After longer than a minute', () => {
    const banned = { kind: 'rate_limited', retryAfterMs: 3_600_000, global: true } as const;
    expect(nextStep(policy, 1, banned)).toEqual({
      retry: false,
      reason: 'rate_limited: global limit, retry after 3600000 ms, longer than we wait',
    });
  });

  it('never retries a request Discord refused (missing access, unknown channel)', () => {
    const refused = {
      kind: 'rejected',
      status: 403,
      code: '50001',
      message: 'Missing Access',
    } as const;
    expect(nextStep(policy, 1, refused)).toEqual({
      retry: false,
      reason: 'rejected: HTTP 403 50001 Missing Access',
    });
  });
});

group('the reason of a failure', () => {
  it('keeps a reason within the 500 characters of notification.failed', () => {
    const reason = describe({ kind: 'network', message: 'x'.repeat(600) });
    expect(reason).toHaveLength(500);
  });
});
