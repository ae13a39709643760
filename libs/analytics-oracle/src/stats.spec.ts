import { describe, expect, it } from '@jest/globals';
import { mean, median, ratio } from './stats.js';

describe('ratio, mean and median', () => {
  it('gives null for a zero denominator or no values', () => {
    expect(ratio(3, 0)).toBeNull();
    expect(mean([])).toBeNull();
    expect(median([])).toBeNull();
  });

  it('takes the middle value, or the mean of the two middle ones (percentile_cont)', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 10])).toBe(3.5);
    expect(mean([1, 2, 6])).toBe(3);
    expect(ratio(1, 4)).toBe(0.25);
  });
});
