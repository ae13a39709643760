import { describe, expect, it } from '@jest/globals';
import type { DomainEvent } from '@kd/events';
import { computeMetrics } from './compute-metrics.js';
import { generateHistory } from './generator/generate-history.js';
import { syntheticDefaultConfig } from './generator/synthetic-defaults.js';

const now = new Date('2026-03-18T13:45:00.000Z');
const { events } = generateHistory({ seed: 11, guilds: 150, days: 150, now });
const snapshot = computeMetrics(events, now, syntheticDefaultConfig);

function firstCopies(list: readonly DomainEvent[]): DomainEvent[] {
  const seen = new Set<string>();
  return list.filter((e) => !seen.has(e.id) && seen.add(e.id));
}

describe('computeMetrics on a generated history', () => {
  it('gives the same snapshot without the repeats and the events after now', () => {
    const cleaned = firstCopies(events).filter((e) => Date.parse(e.occurredAt) <= now.getTime());
    expect(cleaned.length).toBeLessThan(events.length);
    expect(computeMetrics(cleaned, now, syntheticDefaultConfig)).toEqual(snapshot);
  });

  it('keeps every ratio a fraction between 0 and 1', () => {
    const { engagementSummary: e, retentionSummary: r, customizationSummary: c } = snapshot;
    const ratios = [
      e.unique_users_mean,
      e.unique_users_median,
      e.feature_adoption,
      e.feature_adoption_per_guild_mean,
      r.weekly_active_servers,
      r.command_retention_30d,
      r.meeting_retention,
      r.server_retention_90d,
      ...Object.values(c),
      ...snapshot.cohortRetention.flatMap((row) => [
        row.active_share,
        row.active_share_on_or_after,
      ]),
    ];
    expect(ratios.every((x) => x !== null && x >= 0 && x <= 1)).toBe(true);
  });

  it('fills every table', () => {
    expect(snapshot.retentionSummary.installed_guilds).toBeGreaterThan(100);
    expect(snapshot.guildDailyActivity.length).toBeGreaterThan(1_000);
    expect(snapshot.cohortRetention.length).toBeGreaterThan(100);
    expect(snapshot.guildLifecycle.length).toBeGreaterThan(15);
    expect(snapshot.meetings.length).toBeGreaterThan(1_000);
    expect(snapshot.stickiness.guilds).toBeGreaterThan(50);
  });

  it('keeps the cohort flavours consistent: on-or-after ≥ exactly, and never rising with k', () => {
    for (const row of snapshot.cohortRetention) {
      expect(row.active_guilds_on_or_after).toBeGreaterThanOrEqual(row.active_guilds);
    }
    const cohorts = new Set(snapshot.cohortRetention.map((row) => row.cohort_week));
    for (const cohort of cohorts) {
      const onOrAfter = snapshot.cohortRetention
        .filter((row) => row.cohort_week === cohort)
        .map((row) => row.active_guilds_on_or_after);
      expect(onOrAfter).toEqual([...onOrAfter].sort((a, b) => b - a));
    }
  });
});
