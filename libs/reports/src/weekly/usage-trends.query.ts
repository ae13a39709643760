import type { DailyActivity, WeeklyMeetings } from '@kd/charts';
import type { Period } from '../period.js';
import type { Sql } from '../sql.js';

/** The charts' series: the 30 days and 8 ISO weeks that end with the report's period. */
export interface UsageTrends {
  days: DailyActivity[];
  weeks: WeeklyMeetings[];
}

/** Distinct users per day are counted over the install (a member of two guilds counts once). */
export async function readUsageTrends(sql: Sql, period: Period): Promise<UsageTrends> {
  const days = await sql.query<DailyActivity>(
    `SELECT (occurred_at AT TIME ZONE 'UTC')::date::text AS day, count(*)::int AS commands,
            count(DISTINCT payload->>'userId')::int AS "activeMembers"
     FROM analytics.event_log
     WHERE type = 'command.executed' AND guild_id IS NOT NULL
       AND occurred_at >= ($1::date - 30)::timestamp AT TIME ZONE 'UTC'
       AND occurred_at < $1::date::timestamp AT TIME ZONE 'UTC'
     GROUP BY 1 ORDER BY 1`,
    [period.end],
  );
  const weeks = await sql.query<WeeklyMeetings>(
    `SELECT week::text AS week, sum(meetings_created)::int AS meetings
     FROM analytics.guild_weekly_activity
     WHERE week >= $1::date - 56 AND week < $1::date
     GROUP BY week ORDER BY week`,
    [period.end],
  );
  return { days, weeks };
}
