/**
 * Instants at which date arithmetic usually goes wrong (issue 12). The analytics and report
 * suites are run at each of them, against the oracle, so no test depends on today's date.
 * 2026 has 53 ISO weeks: 2026-W53 is Monday 2026-12-28 … Sunday 2027-01-03.
 */
export const trapClocks: readonly (readonly [string, string])[] = [
  ['a Monday at 00:00:00.000 (the first day of ISO week 2026-W53)', '2026-12-28T00:00:00.000Z'],
  ['the last millisecond of a Sunday', '2026-12-27T23:59:59.999Z'],
  ['new year’s eve 2026-12-31, inside ISO week 53', '2026-12-31T12:00:00.000Z'],
  ['the last millisecond of ISO week 2026-W53 (a Sunday in 2027)', '2027-01-03T23:59:59.999Z'],
  ['Monday 2027-01-04, the first day of 2027-W01', '2027-01-04T00:00:00.000Z'],
  ['a month end (2027-01-31, last millisecond)', '2027-01-31T23:59:59.999Z'],
  ['the leap day 2028-02-29', '2028-02-29T09:15:00.000Z'],
  ['the day after a leap day (2028-03-01 00:00)', '2028-03-01T00:00:00.000Z'],
];

/** The last trap clock: a generated history ending here covers every trap. */
export const lastTrapClock = new Date('2028-03-01T00:00:00.000Z');
/** Days of history before `lastTrapClock`, so the first installs come before 2026-W53. */
export const trapHistoryDays = 520;
