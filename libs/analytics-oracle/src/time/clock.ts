import { dayOf, isoWeekOf } from './utc-time.js';

/** `now` and the day/week it falls in; every window ends before `today` or `currentWeek`. */
export interface Clock {
  nowMs: number;
  today: number;
  currentWeek: number;
}

/** Half-open range of day numbers: `from <= day < to`. */
export interface DayRange {
  from: number;
  to: number;
}

export function clockAt(now: Date): Clock {
  const nowMs = now.getTime();
  if (Number.isNaN(nowMs)) throw new RangeError('now is not a valid date');
  const today = dayOf(nowMs);
  return { nowMs, today, currentWeek: isoWeekOf(today) };
}

/** "The last N days": the N complete UTC days before today. */
export function lastDays(clock: Clock, n: number): DayRange {
  return { from: clock.today - n, to: clock.today };
}

/** "The last N complete ISO weeks": the N Monday–Sunday weeks before the current one. */
export function lastWeeks(clock: Clock, n: number): DayRange {
  return { from: clock.currentWeek - 7 * n, to: clock.currentWeek };
}

export function inRange(day: number, range: DayRange): boolean {
  return day >= range.from && day < range.to;
}
