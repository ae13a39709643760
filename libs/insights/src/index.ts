export { CachedSnapshot, type Snapshot, type CachedSnapshotOptions } from './cached-snapshot.js';
export {
  readInstallSummary,
  type InstallSummary,
  type LiveSummary,
  type SnapshotRead,
} from './install-summary.query.js';
export { businessGauges, registerBusinessGauges } from './business-gauges.js';
export { createBusinessMetrics, type BusinessMetricsOptions } from './business-metrics.js';
export { metricTargets, withTarget, type MetricName, type MetricValue } from './targets.js';
export { readGuildInsights, type GuildInsights } from './guild-insights.query.js';
export { installReport, type InstallReport } from './install-report.js';
