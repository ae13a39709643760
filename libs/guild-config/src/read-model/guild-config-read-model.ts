import type { DataSource } from 'typeorm';

/** One row of `analytics.guild_configuration`. */
export interface GuildConfigurationRow {
  guildId: string;
  overrides: Record<string, unknown>;
  hasOverride: boolean;
  hasTemplateOverride: boolean;
  hasRoleMappingOverride: boolean;
  hasNotificationOverride: boolean;
  updatedAt: Date;
}

/** Guilds that override something, by guild id, a page at a time (keyset on guild_id). */
export async function listCustomizedGuilds(
  dataSource: DataSource,
  { limit = 100, afterGuildId = '' }: { limit?: number; afterGuildId?: string } = {},
): Promise<GuildConfigurationRow[]> {
  const rows = await dataSource.query<Record<string, unknown>[]>(
    `SELECT guild_id, overrides, has_override, has_template_override, has_role_mapping_override,
            has_notification_override, updated_at
       FROM analytics.guild_configuration
      WHERE has_override AND guild_id > $1
      ORDER BY guild_id
      LIMIT $2`,
    [afterGuildId, Math.min(Math.max(limit, 1), 1000)],
  );
  return rows.map((r) => ({
    guildId: String(r.guild_id),
    overrides: r.overrides as Record<string, unknown>,
    hasOverride: r.has_override === true,
    hasTemplateOverride: r.has_template_override === true,
    hasRoleMappingOverride: r.has_role_mapping_override === true,
    hasNotificationOverride: r.has_notification_override === true,
    updatedAt: r.updated_at as Date,
  }));
}
