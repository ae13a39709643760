import { describe, expect, it } from '@jest/globals';
import { budgeted, split } from './read-subject.js';

describe('planning the direct gets of one round', () => {
  it('cuts each range into adjoining parts covering it exactly, never more parts than sequences', () => {
    expect(split([{ from: 1, to: 10, parts: 3 }])).toEqual([
      { from: 1, to: 3 },
      { from: 4, to: 6 },
      { from: 7, to: 10 },
    ]);
    expect(split([{ from: 5, to: 6, parts: 8 }])).toEqual([
      { from: 5, to: 5 },
      { from: 6, to: 6 },
    ]);
    expect(split([{ from: 7, to: 7, parts: 0 }])).toEqual([{ from: 7, to: 7 }]);
    for (const [from, to, parts] of [
      [1, 1_000_003, 64],
      [40, 140, 7],
      [3, 9, 7],
    ] as const) {
      const cut = split([{ from, to, parts }]);
      expect(cut[0]!.from).toBe(from);
      expect(cut.at(-1)!.to).toBe(to);
      cut.slice(1).forEach((r, i) => expect(r.from).toBe(cut[i]!.to + 1));
      expect(cut.every((r) => r.from <= r.to)).toBe(true);
    }
  });

  it('scales the wanted gets down to the budget, one per range at least', () => {
    const ranges = Array.from({ length: 20 }, (_, i) => ({
      from: i * 100,
      to: i * 100 + 99,
      parts: i + 1,
    }));
    const scaled = budgeted(ranges, 64);
    expect(scaled.reduce((n, r) => n + r.parts, 0)).toBeLessThanOrEqual(64);
    expect(scaled.every((r) => r.parts >= 1)).toBe(true);
    expect(scaled.at(-1)!.parts).toBeGreaterThan(scaled[0]!.parts);
    expect(budgeted(ranges.slice(0, 3), 64)).toEqual(ranges.slice(0, 3));
    expect(budgeted(ranges, 1).map((r) => r.parts)).toEqual(ranges.map(() => 1));
  });
});
