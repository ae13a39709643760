import type { DomainEvent } from '@kd/events';
import { snowflake } from '../events/event-factory.js';
import { computeMetrics } from '../compute-metrics.js';
import type { JsonObject } from '../json.js';
import type { MetricsSnapshot } from '@kd/analytics';

/** A small defaults object with the sections of config/default_config.json (for tests). */
export const testDefaults: JsonObject = {
  notifications: {
    enabled: true,
    types: { meeting_start: true, meeting_end: true },
    templates: { meeting_start: 'Started: {{title}}' },
    channels: {},
  },
  commands: {
    enabled: { 'kaltura-start': true },
    permissions: { 'kaltura-config-update': ['ADMINISTRATOR'] },
  },
  roles: { mapping: {}, default: 'viewer' },
  features: { video_search: true },
};

export function metricsAt(events: readonly DomainEvent[], now: string): MetricsSnapshot {
  return computeMetrics(events, new Date(now), testDefaults);
}

/** Snowflakes for small numbers, typed as a tuple so destructuring gives strings. */
export function ids<const N extends readonly number[]>(
  ...ns: N
): { -readonly [K in keyof N]: string } {
  return ns.map(snowflake) as { -readonly [K in keyof N]: string };
}
