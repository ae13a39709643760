import { describe, expect, it } from '@jest/globals';
import { decideRate } from './rate-windows.js';

const rule = { limit: 3, windowMs: 60_000 };
const now = Date.parse('2026-01-05T10:00:00.000Z');

describe('decideRate', () => {
  it('allows takes up to the limit within the window, adding this one', () => {
    expect(decideRate([], rule, now)).toEqual({ allowed: true, retryAfterMs: 0, stamps: [now] });
    expect(decideRate([now - 2, now - 1], rule, now).stamps).toEqual([now - 2, now - 1, now]);
  });

  it('refuses the take over the limit, saying when the oldest leaves the window', () => {
    const decision = decideRate([now - 30_000, now - 20_000, now - 10_000], rule, now);
    expect(decision).toMatchObject({ allowed: false, retryAfterMs: 30_000 });
  });

  it('forgets takes older than the window', () => {
    const decision = decideRate([now - 90_000, now - 61_000, now - 60_000, now - 1], rule, now);
    expect(decision).toEqual({ allowed: true, retryAfterMs: 0, stamps: [now - 1, now] });
  });

  it('never refuses with a limit of 0 (off)', () => {
    expect(decideRate([now, now, now], { limit: 0, windowMs: 1 }, now).allowed).toBe(true);
  });
});
