import type { History } from '../history/history.types.js';
import type { GuildDailyActivityRow, GuildWeeklyActivityRow } from '@kd/analytics';
import { dayOf, dayToIso, isoWeekOf } from '../time/utc-time.js';

interface Bucket {
  guildId: string;
  period: number;
  commands: number;
  users: Set<string>;
  meetings: number;
  errors: number;
  days: Set<number>;
}

/** (guild, period) buckets of commands and created meetings; `periodOf` maps a day to its period. */
function buckets(history: History, periodOf: (day: number) => number): Bucket[] {
  const all = new Map<string, Bucket>();
  const bucket = (guildId: string, day: number): Bucket => {
    const period = periodOf(day);
    const key = `${guildId}|${period}`;
    let b = all.get(key);
    if (!b) {
      b = {
        guildId,
        period,
        commands: 0,
        users: new Set(),
        meetings: 0,
        errors: 0,
        days: new Set(),
      };
      all.set(key, b);
    }
    return b;
  };
  for (const c of history.commands) {
    const b = bucket(c.guildId, c.day);
    b.commands += 1;
    b.users.add(c.userId);
    b.days.add(c.day);
    if (c.outcome === 'error') b.errors += 1;
  }
  for (const m of history.meetings.values()) {
    if (m.guildId !== null) bucket(m.guildId, dayOf(m.createdAt)).meetings += 1;
  }
  return [...all.values()].sort((a, b) =>
    a.guildId === b.guildId ? a.period - b.period : a.guildId < b.guildId ? -1 : 1,
  );
}

const counts = (b: Bucket) => ({
  guild_id: b.guildId,
  commands: b.commands,
  unique_users: b.users.size,
  meetings_created: b.meetings,
  errors: b.errors,
});

export function guildDailyActivity(history: History): GuildDailyActivityRow[] {
  return buckets(history, (day) => day).map((b) => ({ ...counts(b), day: dayToIso(b.period) }));
}

export function guildWeeklyActivity(history: History): GuildWeeklyActivityRow[] {
  return buckets(history, isoWeekOf).map((b) => ({
    ...counts(b),
    week: dayToIso(b.period),
    active_days: b.days.size,
  }));
}
