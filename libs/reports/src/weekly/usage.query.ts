import type { InstallReport } from '@kd/analytics';
import { endInstant, previousPeriod, type Period } from '../period.js';
import {
  readFeatureUsage,
  readPeriodActivity,
  type FeatureUsage,
  type PeriodActivity,
} from '../shared/activity.query.js';
import { readInstallReport, readStickiness, type Stickiness } from '../shared/summary.query.js';
import type { Sql } from '../sql.js';

export interface GuildWeek {
  guild_id: string;
  commands: number;
  unique_users: number;
  active_days: number;
  meetings_created: number;
  errors: number;
}

export interface CohortCell {
  cohort_week: string;
  weeks_since_install: number;
  cohort_size: number;
  active_guilds: number;
  active_share: number;
  active_guilds_on_or_after: number;
  active_share_on_or_after: number;
}

export interface UsageData {
  period: Period;
  metrics: InstallReport;
  stickiness: Stickiness;
  activity: PeriodActivity;
  previous: PeriodActivity;
  features: FeatureUsage[];
  topGuilds: GuildWeek[];
  cohorts: CohortCell[];
}

/** How many install cohorts (weeks) the report shows. */
export const COHORT_WEEKS = 12;
export const TOP_GUILDS = 10;

/** The weekly Usage report's figures, all as of the end of the week. */
export async function readUsage(sql: Sql, period: Period): Promise<UsageData> {
  return {
    period,
    metrics: await readInstallReport(sql, endInstant(period)),
    stickiness: await readStickiness(sql),
    activity: await readPeriodActivity(sql, period),
    previous: await readPeriodActivity(sql, previousPeriod(period)),
    features: await readFeatureUsage(sql, period),
    topGuilds: await sql.query<GuildWeek>(
      `SELECT guild_id, commands, unique_users, active_days, meetings_created, errors
       FROM analytics.guild_weekly_activity WHERE week = $1::date
       ORDER BY commands DESC, meetings_created DESC, guild_id LIMIT ${TOP_GUILDS}`,
      [period.start],
    ),
    cohorts: await sql.query<CohortCell>(
      `SELECT cohort_week::text, weeks_since_install, cohort_size, active_guilds,
              active_share::float8, active_guilds_on_or_after, active_share_on_or_after::float8
       FROM analytics.cohort_retention WHERE cohort_week >= $1::date - ${7 * COHORT_WEEKS}
       ORDER BY cohort_week, weeks_since_install`,
      [period.end],
    ),
  };
}
