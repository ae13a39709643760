import type { InstallSummary } from './install-summary.query.js';
import { withTarget, type MetricValue } from './targets.js';

/** The whole install's DESIGN §4 metrics, each with its seed target (GET /api/v1/metrics/summary). */
export interface InstallReport {
  asOf: string;
  installedGuilds: number;
  live: { meetings: number; participants: number };
  engagement: MetricValue[];
  retention: MetricValue[];
  customization: MetricValue[];
  /** Extra detail that has no target of its own. */
  detail: { uniqueUsersMedian: number | null; featureAdoptionPerGuildMean: number | null };
}

export function installReport(summary: InstallSummary, asOf: Date): InstallReport {
  const { engagement: e, retention: r, customization: c, live } = summary;
  return {
    asOf: asOf.toISOString(),
    installedGuilds: live.installed_guilds,
    live: { meetings: live.meetings_live, participants: live.meeting_participants_live },
    engagement: [
      withTarget('command_usage_rate', e.command_usage_rate),
      withTarget('unique_users', e.unique_users_mean),
      withTarget('meeting_creation_rate', e.meeting_creation_rate),
      withTarget('meeting_join_rate', e.meeting_join_rate),
      withTarget('feature_adoption', e.feature_adoption),
    ],
    retention: [
      withTarget('weekly_active_servers', r.weekly_active_servers),
      withTarget('command_retention', r.command_retention_30d),
      withTarget('meeting_retention', r.meeting_retention),
      withTarget('server_retention', r.server_retention_90d),
    ],
    customization: [
      withTarget('configuration_rate', c.configuration_rate),
      withTarget('template_customization', c.template_customization_rate),
      withTarget('role_mapping_customization', c.role_mapping_customization_rate),
      withTarget('notification_customization', c.notification_customization_rate),
    ],
    detail: {
      uniqueUsersMedian: e.unique_users_median,
      featureAdoptionPerGuildMean: e.feature_adoption_per_guild_mean,
    },
  };
}
