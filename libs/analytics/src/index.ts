export { computeMetrics } from './compute-metrics.js';
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
} from './snapshot.types.js';
export { userFacingCommands, isUserFacingCommand, type UserFacingCommand } from './features.js';
export { canonicalJson, type JsonObject, type JsonValue } from './json.js';
export {
  flattenConfig,
  flattenDefaults,
  applyConfigUpdate,
  applyConfigReset,
  overriddenKeys,
  type FlatConfig,
} from './config/config-state.js';
export { overrideKinds, type OverrideKinds } from './config/override-kinds.js';
export {
  generateHistory,
  type HistoryOptions,
  type GeneratedHistory,
} from './generator/generate-history.js';
export type { HostileOptions, HostileReport } from './generator/hostile.js';
export { syntheticDefaultConfig } from './generator/synthetic-defaults.js';
export { mulberry32, Rng } from './generator/prng.js';
export { makeEvent, type EventStamp } from './events/make-event.js';
export {
  eventFactory,
  snowflake,
  type EventFactory,
  type CommandSpec,
} from './events/event-factory.js';
