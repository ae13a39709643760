import { describe, expect, it } from '@jest/globals';
import { deliverWithRetry, type DeliveryDeps } from './deliver-with-retry.js';
import type { DeliveryFailure, RetryPolicy } from './retry-policy.js';

const policy: RetryPolicy = {
  maxAttempts: 4,
  backoffMs: 100,
  maxBackoffMs: 250,
  maxRetryAfterMs: 5000,
};

/** An error carrying the failure a scripted attempt ends with. */
class ScriptedFailure extends Error {
  constructor(readonly failure: DeliveryFailure) {
    super(failure.kind);
  }
}

/** A Discord that answers with the scripted outcomes in order, and a clock that only records. */
function scripted(outcomes: Array<DeliveryFailure | string>) {
  const slept: number[] = [];
  let sends = 0;
  const deps: DeliveryDeps = {
    send: async () => {
      const next = outcomes[sends++];
      if (typeof next === 'string') return next;
      throw next ? new ScriptedFailure(next) : new Error('script exhausted');
    },
    classify: (error) =>
      error instanceof ScriptedFailure
        ? error.failure
        : { kind: 'network', message: String(error) },
    sleep: async (ms) => void slept.push(ms),
  };
  return { deps, slept, sends: () => sends };
}

const fiveHundred: DeliveryFailure = { kind: 'server_error', status: 500 };
const limited: DeliveryFailure = { kind: 'rate_limited', retryAfterMs: 1000, global: false };

describe('deliverWithRetry', () => {
  it('sends once when Discord accepts', async () => {
    const s = scripted(['900000000000000001']);
    expect(await deliverWithRetry(policy, s.deps)).toEqual({
      ok: true,
      messageId: '900000000000000001',
      attempts: 1,
    });
    expect(s.slept).toEqual([]);
  });

  it('honours Retry-After after a 429, then sends exactly once', async () => {
    const s = scripted([limited, '900000000000000002']);
    expect(await deliverWithRetry(policy, s.deps)).toMatchObject({ ok: true, attempts: 2 });
    expect(s.slept).toEqual([1000]);
    expect(s.sends()).toBe(2);
  });

  it('makes exactly maxAttempts attempts on repeated 5xx, backing off, then fails', async () => {
    const s = scripted([fiveHundred, fiveHundred, fiveHundred, fiveHundred, '1']);
    expect(await deliverWithRetry(policy, s.deps)).toEqual({
      ok: false,
      attempts: 4,
      reason: 'server_error: HTTP 500; gave up after 4 attempts',
      failure: fiveHundred,
    });
    expect(s.slept).toEqual([100, 200, 250]);
    expect(s.sends()).toBe(4);
  });

  it('ends a 429 storm after maxAttempts too', async () => {
    const s = scripted(Array<DeliveryFailure>(10).fill(limited));
    expect(await deliverWithRetry(policy, s.deps)).toMatchObject({ ok: false, attempts: 4 });
    expect(s.sends()).toBe(4);
  });

  it('counts 429s apart from failures when the policy gives them their own budget', async () => {
    const paced = { ...policy, maxRateLimitedAttempts: 6 };
    const s = scripted([limited, limited, fiveHundred, limited, limited, fiveHundred, '1']);
    expect(await deliverWithRetry(paced, s.deps)).toMatchObject({ ok: true, attempts: 7 });
    const storm = scripted(Array<DeliveryFailure>(10).fill(limited));
    expect(await deliverWithRetry(paced, storm.deps)).toMatchObject({
      ok: false,
      attempts: 6,
      failure: limited,
    });
  });

  it('stops at once when Discord refuses the message', async () => {
    const refused: DeliveryFailure = {
      kind: 'rejected',
      status: 404,
      code: '10003',
      message: 'Unknown Channel',
    };
    const s = scripted([refused, '1']);
    expect(await deliverWithRetry(policy, s.deps)).toMatchObject({ ok: false, attempts: 1 });
  });

  it('abandons the delivery when the process stops while waiting', async () => {
    const s = scripted([fiveHundred, '1']);
    const stopping: DeliveryDeps = {
      ...s.deps,
      sleep: () => Promise.reject(new Error('stopping')),
    };
    await expect(deliverWithRetry(policy, stopping)).rejects.toThrow('stopping');
  });
});
