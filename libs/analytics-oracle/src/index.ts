// Test support (never imported by production code; the lint's dependency rules say so): the
// oracle that computes every analytics view from a plain event list, the synthetic history
// generator (also used by tools/demo and bench), and the kit that reads the views back in the
// oracle's shape for the equivalence tests.
export { computeMetrics } from './compute-metrics.js';
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
export {
  publishRaw,
  idAt,
  readViews,
  diffRow,
  diffTable,
  diffSnapshot,
  sortedTables,
  type ViewSnapshot,
} from './views/analytics-test-kit.js';
