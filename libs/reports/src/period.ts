export const reportKinds = ['daily', 'weekly', 'monthly'] as const;
export type ReportKind = (typeof reportKinds)[number];

/** A complete UTC period: days `start` … `end - 1` (ISO dates, `end` exclusive). */
export interface Period {
  kind: ReportKind;
  start: string;
  end: string;
  /** `2026-11-22`, `2026-W47`, `2026-10`: names the files and headings. */
  label: string;
}

const DAY_MS = 86_400_000;

export class PeriodError extends Error {}

export function isReportKind(value: string): value is ReportKind {
  return (reportKinds as readonly string[]).includes(value);
}

/** A strict `YYYY-MM-DD` that names a real calendar day, as a UTC midnight. */
export function parseDay(text: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const day = match ? new Date(Date.UTC(+match[1]!, +match[2]! - 1, +match[3]!)) : undefined;
  if (!day || formatDay(day) !== text)
    throw new PeriodError(`"${text}" is not a UTC date YYYY-MM-DD`);
  return day;
}

export const formatDay = (day: Date): string => day.toISOString().slice(0, 10);

const addDays = (day: Date, n: number): Date => new Date(day.getTime() + n * DAY_MS);

/** The Monday of the ISO week containing `day`. */
export function isoWeekStart(day: Date): Date {
  return addDays(day, -((day.getUTCDay() + 6) % 7));
}

/** `2026-W47`: the ISO year and week number of the week starting on `monday`. */
export function isoWeekLabel(monday: Date): string {
  const thursday = addDays(monday, 3);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/**
 * The last complete period before the day `asOf` (DESIGN §4 windows: the current day, ISO week
 * or month is never complete): the day before, the ISO week before the current one, the
 * calendar month before the current one.
 */
export function periodBefore(kind: ReportKind, asOf: Date): Period {
  switch (kind) {
    case 'daily': {
      const start = addDays(asOf, -1);
      return { kind, start: formatDay(start), end: formatDay(asOf), label: formatDay(start) };
    }
    case 'weekly': {
      const end = isoWeekStart(asOf);
      const start = addDays(end, -7);
      return { kind, start: formatDay(start), end: formatDay(end), label: isoWeekLabel(start) };
    }
    case 'monthly': {
      const end = new Date(Date.UTC(asOf.getUTCFullYear(), asOf.getUTCMonth(), 1));
      const start = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - 1, 1));
      return {
        kind,
        start: formatDay(start),
        end: formatDay(end),
        label: formatDay(start).slice(0, 7),
      };
    }
  }
}

/** The period of the same kind just before `period` (for "compared with the previous …"). */
export function previousPeriod(period: Period): Period {
  return periodBefore(period.kind, parseDay(period.start));
}

/** Instant at which the period's figures are evaluated: the start of its end day (UTC). */
export const endInstant = (period: Period): string => `${period.end}T00:00:00.000Z`;

/**
 * The ISO weeks of a month, as Mondays: those whose Sunday falls in it. Each week belongs to
 * exactly one month and is complete when the month is.
 */
export function weeksEndingIn(period: Period): string[] {
  const end = parseDay(period.end);
  const weeks: string[] = [];
  for (let sunday = addDays(isoWeekStart(parseDay(period.start)), 6); sunday < end;) {
    if (formatDay(sunday) >= period.start) weeks.push(formatDay(addDays(sunday, -6)));
    sunday = addDays(sunday, 7);
  }
  return weeks;
}
