import type { InstallReport } from '@kd/analytics';
import type { FlatConfig } from '@kd/guild-config';
import { endInstant, previousPeriod, weeksEndingIn, type Period } from '../period.js';
import {
  readFeatureUsage,
  readPeriodActivity,
  type FeatureUsage,
  type PeriodActivity,
} from '../shared/activity.query.js';
import { readInstallReport } from '../shared/summary.query.js';
import { optional, type Sql, type Unavailable } from '../sql.js';
import { range } from '../sql-fragments.js';
import { configKeyUsage, type ConfigChange, type ConfigKeyRow } from './config-keys.js';

export interface GrowthWeek {
  week: string;
  new: number;
  returning: number;
  resurrecting: number;
  dormant: number;
  active: number;
  installs: number;
  first_installs: number;
  uninstalls: number;
  installed_at_end: number;
  unique_users: number;
  commands: number;
  meetings_created: number;
}

export interface InstallCounts {
  installed_at_start: number;
  installed_at_end: number;
  first_installs: number;
  installs: number;
  uninstalls: number;
}

export interface MonthlyData {
  period: Period;
  metrics: InstallReport;
  installs: InstallCounts;
  activity: PeriodActivity;
  previous: PeriodActivity;
  weeks: GrowthWeek[];
  features: FeatureUsage[];
  configKeys: ConfigKeyRow[];
  health: { kaltura_failures: number; notifications_failed: number; notifications_sent: number };
  deadLetters: { parked: number } | Unavailable;
}

/** Growth, feature adoption and the executive summary of one month, as of its end. */
export async function readMonthly(
  sql: Sql,
  period: Period,
  defaults: FlatConfig,
): Promise<MonthlyData> {
  const weeks = weeksEndingIn(period);
  return {
    period,
    metrics: await readInstallReport(sql, endInstant(period)),
    installs: await readInstallCounts(sql, period),
    activity: await readPeriodActivity(sql, period),
    previous: await readPeriodActivity(sql, previousPeriod(period)),
    weeks: await readGrowthWeeks(sql, period, weeks),
    features: await readFeatureUsage(sql, period),
    configKeys: await readConfigKeys(sql, period, defaults),
    health: await readHealth(sql, period),
    deadLetters: await optional(sql, async () => {
      const [row] = await sql.query<{ parked: number }>(
        `SELECT count(*)::int AS parked FROM kd.projection_dead_letters WHERE ${range('parked_at')}`,
        [period.start, period.end],
      );
      return { parked: row?.parked ?? 0 };
    }),
  };
}

/** `analytics.installed_guilds` at another instant, then back to the period's end. */
async function installedAt(sql: Sql, instant: string, period: Period): Promise<number> {
  await sql.asOf(instant);
  const [row] = await sql.query<{ n: number }>(
    `SELECT installed_guilds AS n FROM analytics.installed_guilds`,
  );
  await sql.asOf(endInstant(period));
  return row?.n ?? 0;
}

async function readInstallCounts(sql: Sql, period: Period): Promise<InstallCounts> {
  const [row] = await sql.query<Omit<InstallCounts, 'installed_at_start'>>(
    `SELECT (SELECT installed_guilds FROM analytics.installed_guilds) AS installed_at_end,
            (SELECT count(*)::int FROM analytics.guilds
             WHERE install_day >= $1::date AND install_day < $2::date) AS first_installs,
            count(*) FILTER (WHERE type = 'guild.installed')::int AS installs,
            count(*) FILTER (WHERE type = 'guild.uninstalled')::int AS uninstalls
     FROM analytics.event_log
     WHERE type IN ('guild.installed', 'guild.uninstalled') AND ${range('occurred_at')}`,
    [period.start, period.end],
  );
  return {
    ...row!,
    installed_at_start: await installedAt(sql, `${period.start}T00:00:00.000Z`, period),
  };
}

async function readGrowthWeeks(sql: Sql, period: Period, weeks: string[]): Promise<GrowthWeek[]> {
  const rows = await sql.query<Omit<GrowthWeek, 'installed_at_end'>>(
    `WITH weeks AS (SELECT unnest($1::date[]) AS week),
     spans AS (SELECT week, analytics.utc_start(week) AS t0, analytics.utc_start(week + 7) AS t1 FROM weeks)
     SELECT s.week::text, coalesce(l."new", 0) AS "new", coalesce(l."returning", 0) AS "returning",
            coalesce(l.resurrecting, 0) AS resurrecting, coalesce(l.dormant, 0) AS dormant,
            coalesce(l.active, 0) AS active, e.installs, e.uninstalls, e.commands, e.unique_users,
            (SELECT count(*)::int FROM analytics.guilds g
             WHERE g.install_day >= s.week AND g.install_day < s.week + 7) AS first_installs,
            (SELECT count(*)::int FROM analytics.meetings_as_of m
             WHERE m.guild_id IS NOT NULL AND m.created_at >= s.t0 AND m.created_at < s.t1) AS meetings_created
     FROM spans s
     LEFT JOIN analytics.guild_lifecycle l ON l.week = s.week
     CROSS JOIN LATERAL (
       SELECT count(*) FILTER (WHERE type = 'guild.installed')::int AS installs,
              count(*) FILTER (WHERE type = 'guild.uninstalled')::int AS uninstalls,
              count(*) FILTER (WHERE type = 'command.executed' AND guild_id IS NOT NULL)::int AS commands,
              count(DISTINCT payload->>'userId') FILTER (
                WHERE type = 'command.executed' AND guild_id IS NOT NULL)::int AS unique_users
       FROM analytics.event_log
       WHERE type IN ('guild.installed', 'guild.uninstalled', 'command.executed')
         AND occurred_at >= s.t0 AND occurred_at < s.t1) e
     ORDER BY s.week`,
    [weeks],
  );
  const result: GrowthWeek[] = [];
  for (const row of rows) {
    const end = new Date(Date.parse(`${row.week}T00:00:00Z`) + 7 * 86_400_000).toISOString();
    result.push({ ...row, installed_at_end: await installedAt(sql, end, period) });
  }
  return result;
}

async function readConfigKeys(
  sql: Sql,
  period: Period,
  defaults: FlatConfig,
): Promise<ConfigKeyRow[]> {
  const changes = await sql.query<{
    guild_id: string;
    type: string;
    key: string | null;
    section: string | null;
    new_value: unknown;
    in_period: boolean;
  }>(
    `SELECT guild_id, type, payload->>'key' AS key, payload->>'section' AS section,
            payload->'newValue' AS new_value, occurred_at >= analytics.utc_start($1::date) AS in_period
     FROM analytics.event_log
     WHERE type IN ('config.updated', 'config.reset') AND guild_id IS NOT NULL
       AND occurred_at < analytics.utc_start($2::date)
     ORDER BY guild_id, occurred_at, seq`,
    [period.start, period.end],
  );
  const installed = await sql.query<{ guild_id: string }>(
    `SELECT guild_id FROM analytics.guilds WHERE installed`,
  );
  return configKeyUsage(
    changes.map((c): ConfigChange =>
      c.type === 'config.reset'
        ? {
            guild_id: c.guild_id,
            change: 'reset',
            section: c.section ?? 'all',
            in_period: c.in_period,
          }
        : {
            guild_id: c.guild_id,
            change: 'updated',
            key: c.key ?? '',
            new_value: c.new_value,
            in_period: c.in_period,
          },
    ),
    new Set(installed.map((r) => r.guild_id)),
    defaults,
  );
}

async function readHealth(sql: Sql, period: Period): Promise<MonthlyData['health']> {
  const [row] = await sql.query<MonthlyData['health']>(
    `SELECT count(*) FILTER (WHERE type = 'kaltura.api_failed')::int AS kaltura_failures,
            count(*) FILTER (WHERE type = 'notification.failed')::int AS notifications_failed,
            count(*) FILTER (WHERE type = 'notification.sent')::int AS notifications_sent
     FROM analytics.event_log
     WHERE type IN ('kaltura.api_failed', 'notification.failed', 'notification.sent')
       AND ${range('occurred_at')}`,
    [period.start, period.end],
  );
  return row!;
}
