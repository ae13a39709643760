import { userFacingCommands } from '@kd/analytics';
import type { Period } from '../period.js';
import type { Sql } from '../sql.js';
import { range, ratio } from '../sql-fragments.js';

/** Activity of guilds in a period (commands outside a guild, in DMs, are not guild activity). */
export interface PeriodActivity {
  active_guilds: number;
  commands: number;
  errors: number;
  unique_users: number;
  meetings_created: number;
  meetings_ended: number;
}

export interface FeatureUsage {
  command: string;
  user_facing: boolean;
  runs: number;
  guilds: number;
  users: number;
  errors: number;
  /** guilds / guilds with any command in the period; null when none had one. */
  guild_share: number | null;
}

const guildCommands = `type = 'command.executed' AND guild_id IS NOT NULL AND ${range('occurred_at')}`;

/** Totals of the period, counted from the event log and the meetings as of the snapshot. */
export async function readPeriodActivity(
  sql: Sql,
  period: Pick<Period, 'start' | 'end'>,
): Promise<PeriodActivity> {
  const [row] = await sql.query<PeriodActivity>(
    `SELECT c.active_guilds, c.commands, c.errors, c.unique_users, m.created AS meetings_created,
            m.ended AS meetings_ended
     FROM (SELECT count(DISTINCT guild_id)::int AS active_guilds, count(*)::int AS commands,
                  count(*) FILTER (WHERE payload->>'outcome' = 'error')::int AS errors,
                  count(DISTINCT payload->>'userId')::int AS unique_users
           FROM analytics.event_log WHERE ${guildCommands}) c,
          (SELECT count(*) FILTER (WHERE ${range('created_at')})::int AS created,
                  count(*) FILTER (WHERE ${range('ended_at')})::int AS ended
           FROM analytics.meetings_as_of WHERE guild_id IS NOT NULL) m`,
    [period.start, period.end],
  );
  return row!;
}

/** Every user-facing command (zeros included) and any other command run in the period. */
export async function readFeatureUsage(
  sql: Sql,
  period: Pick<Period, 'start' | 'end'>,
): Promise<FeatureUsage[]> {
  return sql.query<FeatureUsage>(
    `WITH used AS (
       SELECT payload->>'command' AS command, count(*)::int AS runs,
              count(DISTINCT guild_id)::int AS guilds, count(DISTINCT payload->>'userId')::int AS users,
              count(*) FILTER (WHERE payload->>'outcome' = 'error')::int AS errors
       FROM analytics.event_log WHERE ${guildCommands} GROUP BY 1),
     active AS (SELECT count(DISTINCT guild_id) AS n FROM analytics.event_log WHERE ${guildCommands}),
     names AS (
       SELECT unnest($3::text[]) AS command, true AS user_facing
       UNION ALL
       SELECT command, false FROM used WHERE command <> ALL ($3::text[]))
     SELECT n.command, n.user_facing, coalesce(u.runs, 0) AS runs, coalesce(u.guilds, 0) AS guilds,
            coalesce(u.users, 0) AS users, coalesce(u.errors, 0) AS errors,
            ${ratio('coalesce(u.guilds, 0)', 'a.n')} AS guild_share
     FROM names n LEFT JOIN used u USING (command) CROSS JOIN active a
     ORDER BY runs DESC, n.command`,
    [period.start, period.end, [...userFacingCommands]],
  );
}
