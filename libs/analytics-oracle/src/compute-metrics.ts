import type { DomainEvent } from '@kd/events';
import { buildHistory } from './history/build-history.js';
import { personFold } from './history/person-links.js';
import { prepareEvents } from './history/prepare-events.js';
import type { JsonObject } from './json.js';
import { cohortRetention } from './metrics/cohort-retention.js';
import { customizationSummary } from './metrics/customization-summary.js';
import { engagementSummary } from './metrics/engagement-summary.js';
import { guildDailyActivity, guildWeeklyActivity } from './metrics/guild-activity.js';
import { guildLifecycle } from './metrics/guild-lifecycle.js';
import { guildTable } from './metrics/guild-table.js';
import { liveGauges } from './metrics/live-gauges.js';
import { localeUsage } from './metrics/locale-usage.js';
import { meetingsTable } from './metrics/meetings-table.js';
import { retentionSummary } from './metrics/retention-summary.js';
import { stickiness } from './metrics/stickiness.js';
import type { MetricsSnapshot } from '@kd/analytics';
import { clockAt } from './time/clock.js';
import { dayToIso } from './time/utc-time.js';

/**
 * The reference implementation of DESIGN §4 (rules in docs/analytics-rules.md): every metric
 * evaluated at `now` from the raw event list in stream (recorded) order. Pure.
 */
export function computeMetrics(
  events: readonly DomainEvent[],
  now: Date,
  defaults: JsonObject,
): MetricsSnapshot {
  const clock = clockAt(now);
  const facts = prepareEvents(events, clock.nowMs);
  const history = buildHistory(facts, clock, defaults, personFold(events));
  return {
    now: now.toISOString(),
    today: dayToIso(clock.today),
    current_week: dayToIso(clock.currentWeek),
    engagementSummary: engagementSummary(history),
    retentionSummary: retentionSummary(history),
    customizationSummary: customizationSummary(history),
    guildDailyActivity: guildDailyActivity(history),
    guildWeeklyActivity: guildWeeklyActivity(history),
    cohortRetention: cohortRetention(history),
    guildLifecycle: guildLifecycle(history),
    meetings: meetingsTable(history),
    stickiness: stickiness(history),
    live: liveGauges(history),
    guilds: guildTable(history),
    localeUsage: localeUsage(history),
  };
}
