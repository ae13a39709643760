import type { History } from '../history/history.types.js';
import { isoWeekOf } from '../time/utc-time.js';

/** guild id → ISO weeks (Mondays) with ≥1 command, complete weeks only (before the current one). */
export function activeWeeksByGuild(history: History): Map<string, Set<number>> {
  const weeks = new Map<string, Set<number>>();
  for (const c of history.commands) {
    const week = isoWeekOf(c.day);
    if (week >= history.clock.currentWeek) continue;
    const set = weeks.get(c.guildId);
    if (set) set.add(week);
    else weeks.set(c.guildId, new Set([week]));
  }
  return weeks;
}
