const DAY_MS = 86_400_000;

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const startOfUtcDay = (now: Date) =>
  Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());

/** The `count` complete UTC days before `now`'s day, oldest first (today is never complete). */
export function lastCompleteDays(now: Date, count: number): string[] {
  const today = startOfUtcDay(now);
  return Array.from({ length: count }, (_, i) => isoDay(today - (count - i) * DAY_MS));
}

/** Mondays of the `count` complete ISO weeks before `now`'s week, oldest first. */
export function lastCompleteWeeks(now: Date, count: number): string[] {
  const today = startOfUtcDay(now);
  const monday = today - ((new Date(today).getUTCDay() + 6) % 7) * DAY_MS;
  return Array.from({ length: count }, (_, i) => isoDay(monday - (count - i) * 7 * DAY_MS));
}
