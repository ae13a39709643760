import type { DataSource, EntityManager } from 'typeorm';
import { numeric, startReadOnly, type SnapshotRead } from './install-summary.query.js';
import { queryGuildTrends, type GuildTrends } from './guild-trends.query.js';
import { withTarget, type MetricValue } from './targets.js';

/** A guild's own figures from `analytics.guild_insights`, compared with the seed targets. */
export interface GuildInsights {
  guildId: string;
  asOf: string;
  installed: boolean;
  installDay: string | null;
  memberCount: number | null;
  activity: {
    commands7d: number;
    commands30d: number;
    activeDays7d: number;
    activeDays30d: number;
    uniqueUsers30d: number;
    meetingsCreated4w: number;
    meetingsEnded30d: number;
    lastActiveDay: string | null;
  };
  engagement: MetricValue[];
  retention: {
    weeklyActive: boolean;
    /** null until the guild has been installed 30 (90) days. */
    commandRetained30d: boolean | null;
    serverRetained90d: boolean | null;
  };
  customization: {
    anyOverride: boolean;
    templates: boolean;
    roleMapping: boolean;
    notifications: boolean;
  };
}

interface InsightsRow {
  guild_id: string;
  installed: boolean;
  install_day: string | null;
  member_count: number | null;
  commands_7d: number;
  active_days_7d: number;
  command_usage_rate: number | null;
  unique_users_30d: number;
  unique_users_share: number | null;
  meetings_created_4w: number;
  meeting_creation_rate: number | null;
  meetings_ended_30d: number;
  meeting_join_rate: number | null;
  feature_adoption: number;
  commands_30d: number;
  active_days_30d: number;
  weekly_active: boolean;
  command_retained_30d: boolean | null;
  server_retained_90d: boolean | null;
  last_active_day: string | null;
  has_override: boolean;
  has_template_override: boolean;
  has_role_mapping_override: boolean;
  has_notification_override: boolean;
}

const day = (value: unknown): string | null =>
  value === null || value === undefined
    ? null
    : value instanceof Date
      ? value.toISOString().slice(0, 10)
      : typeof value === 'string'
        ? value.slice(0, 10)
        : null;

/** Undefined when the guild has no recorded events at all. */
export async function readGuildInsights(
  db: Pick<DataSource, 'transaction'>,
  guildId: string,
  read: SnapshotRead,
): Promise<GuildInsights | undefined> {
  return db.transaction('REPEATABLE READ', async (tx) => {
    await startReadOnly(tx, read);
    return queryGuildInsights(tx, guildId);
  });
}

/** The insights and the daily and weekly series of its charts, in one snapshot. */
export async function readGuildInsightsWithTrends(
  db: Pick<DataSource, 'transaction'>,
  guildId: string,
  read: SnapshotRead,
): Promise<(GuildInsights & { trends: GuildTrends }) | undefined> {
  return db.transaction('REPEATABLE READ', async (tx) => {
    await startReadOnly(tx, read);
    const insights = await queryGuildInsights(tx, guildId);
    return insights && { ...insights, trends: await queryGuildTrends(tx, guildId) };
  });
}

async function queryGuildInsights(
  tx: EntityManager,
  guildId: string,
): Promise<GuildInsights | undefined> {
  const rows = await tx.query<Record<string, unknown>[]>(
    `SELECT i.*, analytics.as_of() AS as_of FROM analytics.guild_insights i WHERE i.guild_id = $1`,
    [guildId],
  );
  const raw = rows[0];
  if (!raw) return undefined;
  const { guild_id: id, install_day: installDay, last_active_day: lastDay, as_of: asOf } = raw;
  const row = { ...(numeric(raw) as unknown as InsightsRow), guild_id: String(id) };
  return toInsights(row, day(installDay), day(lastDay), new Date(asOf as string).toISOString());
}

function toInsights(
  row: InsightsRow,
  installDay: string | null,
  lastActiveDay: string | null,
  asOf: string,
): GuildInsights {
  return {
    guildId: row.guild_id,
    asOf,
    installed: row.installed,
    installDay,
    memberCount: row.member_count,
    activity: {
      commands7d: row.commands_7d,
      commands30d: row.commands_30d,
      activeDays7d: row.active_days_7d,
      activeDays30d: row.active_days_30d,
      uniqueUsers30d: row.unique_users_30d,
      meetingsCreated4w: row.meetings_created_4w,
      meetingsEnded30d: row.meetings_ended_30d,
      lastActiveDay,
    },
    engagement: [
      withTarget('command_usage_rate', row.command_usage_rate),
      withTarget('unique_users', row.unique_users_share),
      withTarget('meeting_creation_rate', row.meeting_creation_rate),
      withTarget('meeting_join_rate', row.meeting_join_rate),
      withTarget('feature_adoption', row.feature_adoption),
    ],
    retention: {
      weeklyActive: row.weekly_active,
      commandRetained30d: row.command_retained_30d,
      serverRetained90d: row.server_retained_90d,
    },
    customization: {
      anyOverride: row.has_override,
      templates: row.has_template_override,
      roleMapping: row.has_role_mapping_override,
      notifications: row.has_notification_override,
    },
  };
}
