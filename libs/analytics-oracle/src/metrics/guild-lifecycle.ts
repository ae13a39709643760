import type { History } from '../history/history.types.js';
import type { GuildLifecycleRow } from '@kd/analytics';
import { dayToIso } from '../time/utc-time.js';
import { activeWeeksByGuild } from './active-weeks.js';

type Phase = 'new' | 'returning' | 'resurrecting' | 'dormant';

/** A guild's phase in `week` from its activity in that week, the week before and its first week. */
function phaseOf(weeks: Set<number>, firstWeek: number, week: number): Phase | null {
  const active = weeks.has(week);
  const before = weeks.has(week - 7);
  if (active && week === firstWeek) return 'new';
  if (active) return before ? 'returning' : 'resurrecting';
  return before ? 'dormant' : null;
}

export function guildLifecycle(history: History): GuildLifecycleRow[] {
  const guilds = [...activeWeeksByGuild(history).values()].map((weeks) => ({
    weeks,
    first: Math.min(...weeks),
  }));
  if (guilds.length === 0) return [];
  const rows: GuildLifecycleRow[] = [];
  const start = Math.min(...guilds.map((g) => g.first));
  for (let week = start; week < history.clock.currentWeek; week += 7) {
    const row = {
      week: dayToIso(week),
      new: 0,
      returning: 0,
      resurrecting: 0,
      dormant: 0,
      active: 0,
    };
    for (const g of guilds) {
      const phase = phaseOf(g.weeks, g.first, week);
      if (phase !== null) row[phase] += 1;
    }
    row.active = row.new + row.returning + row.resurrecting;
    rows.push(row);
  }
  return rows;
}
