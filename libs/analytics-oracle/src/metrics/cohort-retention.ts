import type { History } from '../history/history.types.js';
import type { CohortRetentionRow } from '@kd/analytics';
import { dayToIso, isoWeekOf } from '../time/utc-time.js';
import { activeWeeksByGuild } from './active-weeks.js';
import { installDayOf } from './command-window.js';

/** guild → active weeks since install (0-based); activity before the install week clamps to 0. */
interface CohortMember {
  offsets: Set<number>;
  lastOffset: number;
}

export function cohortRetention(history: History): CohortRetentionRow[] {
  const cohorts = cohortMembers(history);
  const rows: CohortRetentionRow[] = [];
  for (const [cohortWeek, members] of [...cohorts].sort(([a], [b]) => a - b)) {
    const weeks = (history.clock.currentWeek - cohortWeek) / 7;
    for (let k = 0; k < weeks; k += 1) {
      const exactly = members.filter((m) => m.offsets.has(k)).length;
      const onOrAfter = members.filter((m) => m.lastOffset >= k).length;
      rows.push({
        cohort_week: dayToIso(cohortWeek),
        weeks_since_install: k,
        cohort_size: members.length,
        active_guilds: exactly,
        active_share: exactly / members.length,
        active_guilds_on_or_after: onOrAfter,
        active_share_on_or_after: onOrAfter / members.length,
      });
    }
  }
  return rows;
}

function cohortMembers(history: History): Map<number, CohortMember[]> {
  const activeWeeks = activeWeeksByGuild(history);
  const cohorts = new Map<number, CohortMember[]>();
  for (const guild of history.guilds.values()) {
    const installDay = installDayOf(guild);
    if (installDay === null) continue;
    const cohortWeek = isoWeekOf(installDay);
    if (cohortWeek >= history.clock.currentWeek) continue;
    const offsets = new Set(
      [...(activeWeeks.get(guild.guildId) ?? [])].map((w) => Math.max(0, (w - cohortWeek) / 7)),
    );
    const member = { offsets, lastOffset: Math.max(-1, ...offsets) };
    cohorts.set(cohortWeek, [...(cohorts.get(cohortWeek) ?? []), member]);
  }
  return cohorts;
}
