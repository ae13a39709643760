import { describe, expect, it } from '@jest/globals';
import { isoWeekLabel, parseDay, periodBefore, previousPeriod, weeksEndingIn } from './period.js';

const day = (text: string) => parseDay(text);

describe('report periods (complete UTC periods before --as-of)', () => {
  it('takes the day before as the daily period', () => {
    expect(periodBefore('daily', day('2026-11-23'))).toEqual({
      kind: 'daily',
      start: '2026-11-22',
      end: '2026-11-23',
      label: '2026-11-22',
    });
    expect(periodBefore('daily', day('2026-03-01')).start).toBe('2026-02-28');
  });

  it('takes the ISO week before the current one, whatever day of the week it is', () => {
    const week = { kind: 'weekly', start: '2026-11-16', end: '2026-11-23', label: '2026-W47' };
    expect(periodBefore('weekly', day('2026-11-23'))).toEqual(week); // a Monday
    expect(periodBefore('weekly', day('2026-11-29'))).toEqual(week); // the Sunday after
    expect(periodBefore('weekly', day('2026-11-22')).start).toBe('2026-11-09');
  });

  it('names ISO weeks by their ISO year', () => {
    expect(isoWeekLabel(day('2025-12-29'))).toBe('2026-W01');
    expect(isoWeekLabel(day('2027-01-04'))).toBe('2027-W01');
    expect(isoWeekLabel(day('2026-12-28'))).toBe('2026-W53');
  });

  it('takes the calendar month before the current one', () => {
    expect(periodBefore('monthly', day('2026-11-23'))).toEqual({
      kind: 'monthly',
      start: '2026-10-01',
      end: '2026-11-01',
      label: '2026-10',
    });
    expect(periodBefore('monthly', day('2026-01-01'))).toMatchObject({
      start: '2025-12-01',
      end: '2026-01-01',
    });
  });

  it('finds the period before a period', () => {
    expect(previousPeriod(periodBefore('monthly', day('2026-03-05')))).toMatchObject({
      start: '2026-01-01',
      end: '2026-02-01',
    });
    expect(previousPeriod(periodBefore('weekly', day('2026-11-23'))).label).toBe('2026-W46');
  });

  it('gives a month the ISO weeks whose Sunday falls in it', () => {
    // October 2026: Thursday 1st … Saturday 31st; Sundays 4, 11, 18, 25.
    expect(weeksEndingIn(periodBefore('monthly', day('2026-11-01')))).toEqual([
      '2026-09-28',
      '2026-10-05',
      '2026-10-12',
      '2026-10-19',
    ]);
    // November 2026 starts on a Sunday and ends on a Monday: five Sundays.
    expect(weeksEndingIn(periodBefore('monthly', day('2026-12-01')))).toEqual([
      '2026-10-26',
      '2026-11-02',
      '2026-11-09',
      '2026-11-16',
      '2026-11-23',
    ]);
  });

  it('refuses a date that is not a real YYYY-MM-DD day', () => {
    for (const bad of [
      '2026-02-30',
      '2026-13-01',
      '26-11-23',
      '2026-11-23T00:00:00Z',
      'yesterday',
      '',
    ])
      expect(() => parseDay(bad)).toThrow(`"${bad}" is not a UTC date YYYY-MM-DD`);
  });
});
