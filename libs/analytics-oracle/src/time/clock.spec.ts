import { describe, expect, it } from '@jest/globals';
import { clockAt, lastDays, lastWeeks } from './clock.js';
import { dayToIso, isoToDay, isoWeekOf } from './utc-time.js';

const range = (r: { from: number; to: number }) => [dayToIso(r.from), dayToIso(r.to)];

describe('UTC day and ISO week windows', () => {
  it('names the Monday of the ISO week for every weekday', () => {
    for (const day of ['2026-03-16', '2026-03-18', '2026-03-22']) {
      expect(dayToIso(isoWeekOf(isoToDay(day)))).toBe('2026-03-16');
    }
    expect(dayToIso(isoWeekOf(isoToDay('2026-03-15')))).toBe('2026-03-09');
    expect(dayToIso(isoWeekOf(isoToDay('1970-01-01')))).toBe('1969-12-29');
  });

  it('excludes today from "the last N days", mid-week', () => {
    const clock = clockAt(new Date('2026-03-18T12:00:00.000Z'));
    expect(range(lastDays(clock, 7))).toEqual(['2026-03-11', '2026-03-18']);
    expect(range(lastDays(clock, 30))).toEqual(['2026-02-16', '2026-03-18']);
  });

  it('takes the four weeks before the current one, mid-week and on a Monday', () => {
    expect(range(lastWeeks(clockAt(new Date('2026-03-18T12:00:00.000Z')), 4))).toEqual([
      '2026-02-16',
      '2026-03-16',
    ]);
    expect(range(lastWeeks(clockAt(new Date('2026-03-16T00:00:00.000Z')), 4))).toEqual([
      '2026-02-16',
      '2026-03-16',
    ]);
  });

  it('moves to the next week only when Monday starts (UTC)', () => {
    const sunday = clockAt(new Date('2026-03-15T23:59:59.999Z'));
    expect(dayToIso(sunday.currentWeek)).toBe('2026-03-09');
    expect(range(lastWeeks(sunday, 4))).toEqual(['2026-02-09', '2026-03-09']);
  });

  it('refuses an invalid now', () => {
    expect(() => clockAt(new Date('nope'))).toThrow(RangeError);
  });
});
