import type { CustomizationSummary, EngagementSummary, RetentionSummary } from '@kd/analytics';
import { installReport, type InstallReport, type LiveSummary } from '@kd/analytics';
import type { Sql } from '../sql.js';

const one = async <R extends object>(sql: Sql, text: string): Promise<R> => {
  const [row] = await sql.query<R>(text);
  if (!row) throw new Error(`no row from ${text.replace(/\s+/g, ' ')}`);
  return row;
};

/**
 * The DESIGN §4 metrics with their seed targets (as GET /api/v1/metrics/summary gives them), from
 * the one-row summary views at the snapshot's instant (`kd.now`).
 */
export async function readInstallReport(sql: Sql, instant: string): Promise<InstallReport> {
  const engagement = await one<EngagementSummary>(
    sql,
    `SELECT command_usage_rate::float8, unique_users_mean::float8, unique_users_median::float8,
            meeting_creation_rate::float8, meeting_join_rate::float8, feature_adoption::float8,
            feature_adoption_per_guild_mean::float8
     FROM analytics.engagement_summary`,
  );
  const retention = await one<RetentionSummary>(
    sql,
    `SELECT installed_guilds::int, weekly_active_servers::float8, command_retention_30d::float8,
            meeting_retention::float8, server_retention_90d::float8
     FROM analytics.retention_summary`,
  );
  const customization = await one<CustomizationSummary>(
    sql,
    `SELECT configuration_rate::float8, template_customization_rate::float8,
            role_mapping_customization_rate::float8, notification_customization_rate::float8
     FROM analytics.customization_summary`,
  );
  const live = await one<LiveSummary>(
    sql,
    `SELECT installed_guilds::int, meetings_live::int, meeting_participants_live::int
     FROM analytics.live_summary`,
  );
  return installReport({ engagement, retention, customization, live }, new Date(instant));
}

export interface Stickiness {
  guilds: number;
  active_days_mean: number | null;
  active_days_median: number | null;
  dau_mau: number | null;
}

export const readStickiness = (sql: Sql): Promise<Stickiness> =>
  one<Stickiness>(
    sql,
    `SELECT guilds::int, active_days_mean::float8, active_days_median::float8, dau_mau::float8
     FROM analytics.stickiness`,
  );
