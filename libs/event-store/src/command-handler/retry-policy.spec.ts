import { describe, expect, it } from '@jest/globals';
import { KdError } from '@kd/events';
import { ConcurrencyError, EventStoreUnavailableError } from '../errors.js';
import { retryDelay, type RetryPolicy } from './retry-policy.js';

const policy: RetryPolicy = {
  maxAttempts: 4,
  conflict: { baseMs: 10, maxMs: 25 },
  unavailable: { baseMs: 1000, maxMs: 8000 },
};
const conflict = new ConcurrencyError('kd.config.1', 3);

describe('retryDelay', () => {
  it('doubles the pause after each conflict up to the cap, jittered between half and all of it', () => {
    expect([1, 2, 3].map((n) => retryDelay(policy, conflict, n, () => 1))).toEqual([10, 20, 25]);
    expect([1, 2, 3].map((n) => retryDelay(policy, conflict, n, () => 0))).toEqual([5, 10, 12.5]);
  });

  it('stops after the last attempt', () => {
    expect(retryDelay(policy, conflict, 4, () => 0.5)).toBeNull();
  });

  it('waits longer for an unreachable NATS, and only when the policy says so', () => {
    const down = new EventStoreUnavailableError('timeout');
    expect(retryDelay(policy, down, 2, () => 1)).toBe(2000);
    expect(retryDelay(policy, new Error('connection closed'), 1, () => 1)).toBe(1000);
    const conflictsOnly = { maxAttempts: 4, conflict: policy.conflict };
    expect(retryDelay(conflictsOnly, down, 1, () => 1)).toBeNull();
  });

  it('never tries a refused decision or an invalid event again', () => {
    const refused = new KdError('MEETING.ALREADY_ENDED', 'ended', 'conflict');
    const invalid = new KdError('EVENT.INVALID_PAYLOAD', 'bad', 'validation');
    expect(retryDelay(policy, refused, 1, () => 1)).toBeNull();
    expect(retryDelay(policy, invalid, 1, () => 1)).toBeNull();
  });
});
