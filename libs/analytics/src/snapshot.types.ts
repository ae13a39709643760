/**
 * The oracle's output. Keys of the summaries and rows are the analyst-facing column names of
 * DESIGN §4 (snake_case). Ratios are fractions 0–1, `null` when the denominator is 0; days and
 * weeks are `YYYY-MM-DD` (a week is named by its Monday); instants are ISO-8601 UTC strings.
 */
export interface EngagementSummary {
  command_usage_rate: number | null;
  unique_users_mean: number | null;
  unique_users_median: number | null;
  meeting_creation_rate: number | null;
  meeting_join_rate: number | null;
  feature_adoption: number;
  feature_adoption_per_guild_mean: number | null;
}

export interface RetentionSummary {
  installed_guilds: number;
  weekly_active_servers: number | null;
  command_retention_30d: number | null;
  meeting_retention: number | null;
  server_retention_90d: number | null;
}

export interface CustomizationSummary {
  configuration_rate: number | null;
  template_customization_rate: number | null;
  role_mapping_customization_rate: number | null;
  notification_customization_rate: number | null;
}

export interface GuildDailyActivityRow {
  guild_id: string;
  day: string;
  commands: number;
  unique_users: number;
  meetings_created: number;
  errors: number;
}

export interface GuildWeeklyActivityRow extends Omit<GuildDailyActivityRow, 'day'> {
  week: string;
  active_days: number;
}

/** `active_*` = active exactly in week k; `*_on_or_after` = active in week k or any later one. */
export interface CohortRetentionRow {
  cohort_week: string;
  weeks_since_install: number;
  cohort_size: number;
  active_guilds: number;
  active_share: number;
  active_guilds_on_or_after: number;
  active_share_on_or_after: number;
}

export interface GuildLifecycleRow {
  week: string;
  new: number;
  returning: number;
  resurrecting: number;
  dormant: number;
  /** new + returning + resurrecting. */
  active: number;
}

export interface MeetingRow {
  meeting_id: string;
  guild_id: string | null;
  type: string;
  owner_user_id: string;
  created_at: string;
  started_at: string | null;
  ended_at: string | null;
  duration_seconds: number | null;
  participants: number;
}

export interface Stickiness {
  window_days: number;
  guilds: number;
  active_days_mean: number | null;
  active_days_median: number | null;
  /** active_days_mean / window_days: average daily active / monthly active guilds. */
  dau_mau: number | null;
  per_guild: { guild_id: string; active_days: number }[];
}

export interface LiveGauges {
  installed_guilds: number;
  meetings_live: number;
  meeting_participants_live: number;
}

export interface GuildRow {
  guild_id: string;
  first_installed_at: string | null;
  install_day: string | null;
  installed: boolean;
  member_count: number | null;
  has_override: boolean;
  has_template_override: boolean;
  has_role_mapping_override: boolean;
  has_notification_override: boolean;
}

/** analytics.locale_usage: guild commands per UTC day and member locale. */
export interface LocaleUsageRow {
  day: string;
  locale: string;
  commands: number;
  unique_users: number;
  guilds: number;
}

export interface MetricsSnapshot {
  now: string;
  today: string;
  current_week: string;
  engagementSummary: EngagementSummary;
  retentionSummary: RetentionSummary;
  customizationSummary: CustomizationSummary;
  guildDailyActivity: GuildDailyActivityRow[];
  guildWeeklyActivity: GuildWeeklyActivityRow[];
  cohortRetention: CohortRetentionRow[];
  guildLifecycle: GuildLifecycleRow[];
  meetings: MeetingRow[];
  stickiness: Stickiness;
  live: LiveGauges;
  guilds: GuildRow[];
  localeUsage: LocaleUsageRow[];
}
