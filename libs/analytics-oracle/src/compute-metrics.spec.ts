import { describe, expect, it } from '@jest/globals';
import type { DomainEvent } from '@kd/events';
import { eventFactory, snowflake as sf } from './events/event-factory.js';
import { ids, metricsAt } from './testing/analytics-fixtures.js';

const A = sf(1);
const [u1, u2, u3, u4] = ids(101, 102, 103, 104);

describe('computeMetrics with now on a Monday at midnight', () => {
  const f = eventFactory();
  const events = [
    f.installed(A, '2026-02-01T09:00:00.000Z', 5),
    f.command(A, '2026-03-08T23:59:59.999Z', { user: u3 }), // Sunday: 30-day window only
    f.command(A, '2026-03-09T00:00:00.000Z', { user: u2, command: 'kaltura-list' }),
    f.command(A, '2026-03-15T23:59:59.999Z', { user: u1, command: 'kaltura-start' }),
    f.meetingCreated(A, '2026-03-15T20:00:00.000Z', 'm1', u1),
    f.joinLink(A, '2026-03-15T20:01:00.000Z', 'm1', u2),
    f.meetingEnded(A, '2026-03-15T21:00:00.000Z', 'm1'),
    f.command(A, '2026-03-16T00:00:00.000Z', { user: u4 }), // at now: today, outside every window
  ];
  const snapshot = metricsAt(events, '2026-03-16T00:00:00.000Z');

  it('names today and the current week', () => {
    expect([snapshot.today, snapshot.current_week]).toEqual(['2026-03-16', '2026-03-16']);
  });

  it('computes every summary from the complete days and weeks before Monday', () => {
    expect(snapshot.engagementSummary).toEqual({
      command_usage_rate: 1, // 03-09 and 03-15: 2 commands on 2 guild-days
      unique_users_mean: 3 / 5,
      unique_users_median: 3 / 5,
      meeting_creation_rate: 1 / 2, // m1 over A-03-02 and A-03-09
      meeting_join_rate: 1,
      feature_adoption: 2 / 11,
      feature_adoption_per_guild_mean: 2 / 11,
    });
    expect(snapshot.retentionSummary).toEqual({
      installed_guilds: 1,
      weekly_active_servers: 1,
      command_retention_30d: 1, // installed 02-01, day 30 = 03-03
      meeting_retention: 0,
      server_retention_90d: null,
    });
    expect(snapshot.live).toEqual({
      installed_guilds: 1,
      meetings_live: 0,
      meeting_participants_live: 0,
    });
  });

  it('keeps today in the activity tables', () => {
    expect(snapshot.guildDailyActivity.map((r) => [r.day, r.commands])).toEqual([
      ['2026-03-08', 1],
      ['2026-03-09', 1],
      ['2026-03-15', 1],
      ['2026-03-16', 1],
    ]);
  });
});

describe('computeMetrics on bad input', () => {
  const f = eventFactory('bad');
  const base: DomainEvent[] = [
    f.installed(A, '2026-02-01T00:00:00.000Z', 10),
    f.command(A, '2026-01-25T10:00:00.000Z', { user: u1 }), // before the install
    f.command(A, '2026-03-17T10:00:00.000Z', { user: u2 }),
    f.meetingCreated(A, '2026-03-18T10:00:00.000Z', 'm1', u1),
    f.meetingStarted(A, '2026-03-18T10:01:00.000Z', 'm1'),
    f.joined(A, '2026-03-18T10:02:00.000Z', 'm1', u2),
    f.command(sf(9), '2026-03-17T10:00:00.000Z', { user: u3 }), // a guild never installed
  ];
  const NOW = '2026-03-18T12:00:00.000Z';
  const reference = metricsAt(base, NOW);

  it('counts a repeated event id once', () => {
    const repeated = [...base, ...base.map((e) => structuredClone(e))];
    expect(metricsAt(repeated, NOW)).toEqual(reference);
  });

  it('ignores everything that occurred after now', () => {
    const future = [
      f.uninstalled(A, '2027-01-01T00:00:00.000Z'),
      f.installed(sf(8), '2027-01-01T00:00:00.000Z'),
      f.command(A, '2026-03-18T12:00:00.001Z'),
      f.configUpdated(A, '2030-01-01T00:00:00.000Z', 'notifications.enabled', false),
      f.meetingEnded(A, '2027-01-01T00:00:00.000Z', 'm1'),
      f.left(A, '2027-01-01T00:00:00.000Z', 'm1', u2),
      f.meetingCreated(A, '2027-01-01T00:00:00.000Z', 'm2', u2),
    ];
    expect(metricsAt([...future, ...base], NOW)).toEqual(reference);
    expect(reference.live).toEqual({
      installed_guilds: 1,
      meetings_live: 1,
      meeting_participants_live: 1,
    });
  });

  it('counts commands of unknown guilds and before the install as activity, never as installed', () => {
    expect(reference.engagementSummary.command_usage_rate).toBe(1); // A and the unknown guild, 1 each
    expect(reference.retentionSummary.installed_guilds).toBe(1);
    expect(reference.retentionSummary.weekly_active_servers).toBe(1);
    expect(reference.guildDailyActivity.map((r) => r.day)).toEqual([
      '2026-01-25',
      '2026-03-17',
      '2026-03-18',
      '2026-03-17',
    ]);
  });

  it('does not depend on the stream order of events that occurred at different times', () => {
    expect(metricsAt([...base].reverse(), NOW)).toEqual(reference);
  });
});
