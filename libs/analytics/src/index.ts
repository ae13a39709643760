// The analytics read model (docs/analytics.md): tables and views (migrations), the projection
// and its SQL writers, the summary and insight queries, the business gauges and their targets.
export { analyticsMigrations } from './migrations/index.js';
export {
  analyticsProjection,
  createAnalyticsProjection,
  analyticsVersion,
  analyticsEventTypes,
} from './projection/analytics.projection.js';
export { analyticsRole, setAnalyticsPassword } from './projection/analytics-role.js';
export type {
  MetricsSnapshot,
  EngagementSummary,
  RetentionSummary,
  CustomizationSummary,
  GuildDailyActivityRow,
  GuildWeeklyActivityRow,
  CohortRetentionRow,
  GuildLifecycleRow,
  MeetingRow,
  Stickiness,
  LiveGauges,
  GuildRow,
  LocaleUsageRow,
} from './snapshot.types.js';
export { userFacingCommands, isUserFacingCommand, type UserFacingCommand } from './features.js';
export {
  CachedSnapshot,
  type Snapshot,
  type CachedSnapshotOptions,
} from './insights/cached-snapshot.js';
export {
  readInstallSummary,
  type InstallSummary,
  type LiveSummary,
  type SnapshotRead,
} from './insights/install-summary.query.js';
export { businessGauges, registerBusinessGauges } from './insights/business-gauges.js';
export {
  summarySnapshot,
  type SummaryAt,
  type SummarySnapshotOptions,
} from './insights/summary-snapshot.js';
export { createBusinessMetrics, type BusinessMetricsOptions } from './insights/business-metrics.js';
export {
  metricTargets,
  withTarget,
  type MetricName,
  type MetricValue,
} from './insights/targets.js';
export {
  readGuildInsights,
  readGuildInsightsWithTrends,
  type GuildInsights,
} from './insights/guild-insights.query.js';
export { TREND_DAYS, TREND_WEEKS, type GuildTrends } from './insights/guild-trends.query.js';
export { installReport, type InstallReport } from './insights/install-report.js';
