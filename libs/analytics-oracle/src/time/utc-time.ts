/** Whole UTC days, counted from 1970-01-01 (day 0, a Thursday). */
export const DAY_MS = 86_400_000;

export function dayOf(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

/** The Monday (as a day number) of the ISO week that contains `day`. */
export function isoWeekOf(day: number): number {
  return day - ((((day + 3) % 7) + 7) % 7);
}

export function dayToIso(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function isoToDay(date: string): number {
  return dayOf(Date.parse(`${date}T00:00:00.000Z`));
}

export function msToIso(ms: number): string {
  return new Date(ms).toISOString();
}
