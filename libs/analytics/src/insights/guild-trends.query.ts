import type { EntityManager } from 'typeorm';

/** A guild's daily and weekly series for its charts, from the activity views. */
export interface GuildTrends {
  /** The last 30 complete UTC days with any activity (missing days had none), oldest first. */
  days: { day: string; commands: number; uniqueUsers: number }[];
  /** The last 8 complete ISO weeks with meetings created (missing weeks had none), oldest first. */
  weeks: { week: string; meetingsCreated: number }[];
}

export const TREND_DAYS = 30;
export const TREND_WEEKS = 8;

/** Read inside the caller's snapshot transaction (`kd.now` already set). */
export async function queryGuildTrends(tx: EntityManager, guildId: string): Promise<GuildTrends> {
  const days = await tx.query<{ day: string; commands: number; unique_users: number }[]>(
    `SELECT day::text AS day, commands, unique_users FROM analytics.guild_daily_activity
     WHERE guild_id = $1 AND day >= analytics.as_of_day() - ${TREND_DAYS}
       AND day < analytics.as_of_day() AND (commands > 0 OR unique_users > 0)
     ORDER BY day`,
    [guildId],
  );
  const weeks = await tx.query<{ week: string; meetings_created: number }[]>(
    `SELECT week::text AS week, meetings_created FROM analytics.guild_weekly_activity
     WHERE guild_id = $1 AND week >= analytics.as_of_week() - ${7 * TREND_WEEKS}
       AND week < analytics.as_of_week() AND meetings_created > 0
     ORDER BY week`,
    [guildId],
  );
  return {
    days: days.map((d) => ({
      day: d.day,
      commands: Number(d.commands),
      uniqueUsers: Number(d.unique_users),
    })),
    weeks: weeks.map((w) => ({ week: w.week, meetingsCreated: Number(w.meetings_created) })),
  };
}
