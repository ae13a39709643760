import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { metricOnce } from '@kd/observability';
import type { CachedSnapshot } from './cached-snapshot.js';
import type { InstallSummary } from './install-summary.query.js';
import type { SummaryAt } from './summary-snapshot.js';

type Read = (s: InstallSummary) => number | null | undefined;

/** One gauge per DESIGN §4 metric, plus the live gauges; series with no value are left out. */
export const businessGauges: ReadonlyArray<{
  name: string;
  help: string;
  read: Read;
  labels?: Record<string, string>;
}> = [
  {
    name: 'kd_command_usage_rate',
    help: 'Commands per active guild-day over the last 7 complete days',
    read: (s) => s.engagement.command_usage_rate,
  },
  {
    name: 'kd_unique_users_ratio',
    help: 'Distinct command users in the last 30 days / member count, over installed guilds (stat = mean | median)',
    read: (s) => s.engagement.unique_users_mean,
    labels: { stat: 'mean' },
  },
  {
    name: 'kd_unique_users_ratio',
    help: '',
    read: (s) => s.engagement.unique_users_median,
    labels: { stat: 'median' },
  },
  {
    name: 'kd_meeting_creation_rate',
    help: 'Meetings created per active guild-week over the last 4 complete ISO weeks',
    read: (s) => s.engagement.meeting_creation_rate,
  },
  {
    name: 'kd_meeting_join_rate',
    help: 'Mean distinct participants per meeting ended in the last 30 days',
    read: (s) => s.engagement.meeting_join_rate,
  },
  {
    name: 'kd_feature_adoption_ratio',
    help: 'Share of user-facing commands used in the last 30 days (scope = install | guild_mean)',
    read: (s) => s.engagement.feature_adoption,
    labels: { scope: 'install' },
  },
  {
    name: 'kd_feature_adoption_ratio',
    help: '',
    read: (s) => s.engagement.feature_adoption_per_guild_mean,
    labels: { scope: 'guild_mean' },
  },
  {
    name: 'kd_weekly_active_servers_ratio',
    help: 'Installed guilds with a command in the last 7 days / installed guilds',
    read: (s) => s.retention.weekly_active_servers,
  },
  {
    name: 'kd_command_retention_ratio',
    help: 'Guilds installed 30+ days ago with a command on or after day 30 / those guilds',
    read: (s) => s.retention.command_retention_30d,
  },
  {
    name: 'kd_meeting_retention_ratio',
    help: 'Meeting owners with 2+ meetings / owners with 1+, all time',
    read: (s) => s.retention.meeting_retention,
  },
  {
    name: 'kd_server_retention_ratio',
    help: 'Guilds installed 90+ days ago, still installed and active in the last 30 days / guilds installed 90+ days ago',
    read: (s) => s.retention.server_retention_90d,
  },
  {
    name: 'kd_configuration_ratio',
    help: 'Installed guilds overriding any default setting / installed guilds',
    read: (s) => s.customization.configuration_rate,
  },
  {
    name: 'kd_template_customization_ratio',
    help: 'Installed guilds with a custom message template / installed guilds',
    read: (s) => s.customization.template_customization_rate,
  },
  {
    name: 'kd_role_mapping_customization_ratio',
    help: 'Installed guilds with a custom role mapping / installed guilds',
    read: (s) => s.customization.role_mapping_customization_rate,
  },
  {
    name: 'kd_notification_customization_ratio',
    help: 'Installed guilds with custom notification settings / installed guilds',
    read: (s) => s.customization.notification_customization_rate,
  },
  {
    name: 'kd_installed_guilds',
    help: 'Guilds with the bot installed',
    read: (s) => s.live.installed_guilds,
  },
  {
    name: 'kd_meetings_live',
    help: 'Meetings started and not ended (started less than 24 h ago)',
    read: (s) => s.live.meetings_live,
  },
  {
    name: 'kd_meeting_participants_live',
    help: 'People currently in live meetings',
    read: (s) => s.live.meeting_participants_live,
  },
];

/**
 * Registers the business gauges on `registry`, each computed on scrape from the cached summary:
 * a scrape waits at most for the one query in flight, and when that query fails the last values
 * stay (kd_business_metrics_last_success_timestamp_seconds says how old they are).
 */
export function registerBusinessGauges(
  registry: Registry,
  snapshot: CachedSnapshot<SummaryAt>,
): void {
  const byName = new Map<string, typeof businessGauges>();
  for (const gauge of businessGauges)
    byName.set(gauge.name, [...(byName.get(gauge.name) ?? []), gauge]);
  for (const [name, series] of byName) {
    const labelNames = Object.keys(series[0]?.labels ?? {});
    metricOnce(
      registry,
      name,
      () =>
        new Gauge({
          name,
          help: series[0]?.help ?? name,
          labelNames,
          registers: [registry],
          async collect() {
            const { value } = await snapshot.get();
            this.reset();
            if (!value) return;
            for (const { read, labels } of series) {
              const v = read(value.summary);
              if (v !== null && v !== undefined && Number.isFinite(v)) this.set(labels ?? {}, v);
            }
          },
        }),
    );
  }
}

export interface SnapshotMetrics {
  errors: Counter;
  lastSuccess: Gauge;
  duration: Histogram;
}

/**
 * How the summary queries behind the gauges fare. Their collect waits for the load in flight, so
 * a scrape shows the outcome of the query it triggered.
 */
export function createSnapshotMetrics(
  registry: Registry,
  snapshot: () => { get(): Promise<unknown> } | undefined,
): SnapshotMetrics {
  const settled = async () => {
    await snapshot()?.get();
  };
  return {
    errors: metricOnce(
      registry,
      'kd_business_metrics_errors_total',
      () =>
        new Counter({
          name: 'kd_business_metrics_errors_total',
          help: 'Failed reads of the analytics summary views behind the business gauges',
          registers: [registry],
          collect: settled,
        }),
    ),
    lastSuccess: metricOnce(
      registry,
      'kd_business_metrics_last_success_timestamp_seconds',
      () =>
        new Gauge({
          name: 'kd_business_metrics_last_success_timestamp_seconds',
          help: 'When the business gauges were last computed successfully (Unix time)',
          registers: [registry],
          collect: settled,
        }),
    ),
    duration: metricOnce(
      registry,
      'kd_business_metrics_query_duration_seconds',
      () =>
        new Histogram({
          name: 'kd_business_metrics_query_duration_seconds',
          help: 'Time to read the analytics summary views',
          buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
          registers: [registry],
        }),
    ),
  };
}
