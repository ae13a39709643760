import type { LocaleUsageRow } from '@kd/analytics';
import type { History } from '../history/history.types.js';
import { dayToIso } from '../time/utc-time.js';

/** analytics.locale_usage: per UTC day and member locale, guild commands, members and guilds. */
export function localeUsage(history: History): LocaleUsageRow[] {
  const groups = new Map<
    string,
    { day: number; locale: string; n: number; users: Set<string>; guilds: Set<string> }
  >();
  for (const c of history.commands) {
    const key = `${c.day}|${c.locale}`;
    let g = groups.get(key);
    if (!g) {
      g = { day: c.day, locale: c.locale, n: 0, users: new Set(), guilds: new Set() };
      groups.set(key, g);
    }
    g.n += 1;
    g.users.add(c.userId);
    g.guilds.add(c.guildId);
  }
  return [...groups.values()]
    .sort((a, b) => a.day - b.day || (a.locale < b.locale ? -1 : a.locale > b.locale ? 1 : 0))
    .map((g) => ({
      day: dayToIso(g.day),
      locale: g.locale,
      commands: g.n,
      unique_users: g.users.size,
      guilds: g.guilds.size,
    }));
}
