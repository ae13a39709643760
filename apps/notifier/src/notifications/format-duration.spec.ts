import { describe, expect, it } from '@jest/globals';
import { formatDuration } from './format-duration.js';

const at = (seconds: number) => new Date(Date.UTC(2025, 0, 1) + seconds * 1000).toISOString();

describe('formatDuration', () => {
  it.each([
    [0, '0 s'],
    [59, '59 s'],
    [60, '1 min'],
    [59 * 60 + 59, '59 min'],
    [3600 + 5 * 60, '1 h 05 min'],
    [23 * 3600 + 59 * 60, '23 h 59 min'],
    [2 * 86_400 + 3 * 3600 + 60, '2 d 3 h'],
  ])('formats %i seconds as %s', (seconds, text) => {
    expect(formatDuration(at(0), at(seconds))).toBe(text);
  });

  it('reports an end before the start (clock skew) as 0 s', () => {
    expect(formatDuration(at(100), at(40))).toBe('0 s');
  });
});
