import { describe, expect, it } from '@jest/globals';
import { eventFactory } from '../events/event-factory.js';
import { ids, metricsAt } from '../testing/analytics-fixtures.js';

const NOW = '2026-03-18T12:00:00.000Z'; // a Wednesday
const [A, B, C, D, E, F, G] = ids(1, 2, 3, 4, 5, 6, 7);
const [u1, u2, u3, u4, u5] = ids(101, 102, 103, 104, 105);

const engagement = (events: Parameters<typeof metricsAt>[0], now = NOW) =>
  metricsAt(events, now).engagementSummary;

describe('engagement summary', () => {
  it('is null everywhere but feature adoption for an empty log', () => {
    expect(engagement([])).toEqual({
      command_usage_rate: null,
      unique_users_mean: null,
      unique_users_median: null,
      meeting_creation_rate: null,
      meeting_join_rate: null,
      feature_adoption: 0,
      feature_adoption_per_guild_mean: null,
    });
  });

  it('divides commands by active guild-days over the 7 complete days before today', () => {
    const f = eventFactory();
    const events = [
      f.installed(A, '2026-01-01T00:00:00.000Z'),
      ...['10:00', '11:00', '12:00'].map((t) => f.command(A, `2026-03-17T${t}:00.000Z`)),
      f.command(A, '2026-03-11T00:00:00.000Z'), // first day of the window
      f.command(A, '2026-03-10T23:59:59.999Z'), // before it
      f.command(A, '2026-03-18T01:00:00.000Z'), // today: excluded
      f.command(B, '2026-03-17T09:00:00.000Z', { outcome: 'error' }),
      f.command(B, '2026-03-17T09:30:00.000Z', { outcome: 'denied' }),
      f.command(C, '2026-03-12T09:00:00.000Z'), // a guild never installed still has guild-days
      f.command(null, '2026-03-17T09:00:00.000Z'), // no guild: not a guild-day
    ];
    // 7 commands (A 4, B 2, C 1) over A-03-17, A-03-11, B-03-17, C-03-12.
    expect(engagement(events).command_usage_rate).toBe(7 / 4);
  });

  it('shares distinct 30-day users of each installed guild with a known member count', () => {
    const f = eventFactory();
    const events = [
      f.installed(A, '2026-01-01T00:00:00.000Z', 10),
      f.memberCount(A, '2026-02-01T00:00:00.000Z', 4),
      f.command(A, '2026-03-17T10:00:00.000Z', { user: u1 }),
      f.command(A, '2026-03-17T11:00:00.000Z', { user: u1 }),
      f.command(A, '2026-03-01T11:00:00.000Z', { user: u2, outcome: 'invalid' }),
      f.command(A, '2026-02-16T00:00:00.000Z', { user: u3 }), // first day of the window
      f.command(A, '2026-02-15T23:59:59.999Z', { user: u5 }), // before it
      f.command(A, '2026-03-18T08:00:00.000Z', { user: u4 }), // today
      f.installed(B, '2026-01-01T00:00:00.000Z', null), // never a known count: excluded
      f.command(B, '2026-03-17T10:00:00.000Z', { user: u1 }),
      f.installed(E, '2026-01-01T00:00:00.000Z', 8),
      f.uninstalled(E, '2026-01-10T00:00:00.000Z'),
      f.installed(E, '2026-01-20T00:00:00.000Z', null), // a null count keeps the last known (8)
      f.installed(F, '2026-01-01T00:00:00.000Z', 1), // 3 users, 1 member: capped at 1
      ...[u1, u2, u3].map((user) => f.command(F, '2026-03-10T10:00:00.000Z', { user })),
      f.installed(G, '2026-01-01T00:00:00.000Z', 0), // zero members: excluded
      f.command(G, '2026-03-10T10:00:00.000Z'),
      f.installed(D, '2026-01-01T00:00:00.000Z', 10), // uninstalled: excluded
      f.uninstalled(D, '2026-02-01T00:00:00.000Z'),
    ];
    const summary = engagement(events);
    // A 3/4, E 0/8, F min(1, 3/1)
    expect(summary.unique_users_mean).toBeCloseTo((0.75 + 0 + 1) / 3, 12);
    expect(summary.unique_users_median).toBe(0.75);
  });

  it('divides meetings created by active guild-weeks over the last 4 complete ISO weeks', () => {
    const f = eventFactory();
    const events = [
      f.command(A, '2026-02-16T00:00:00.000Z'), // Monday of the first window week
      f.command(A, '2026-03-15T23:59:59.999Z'), // Sunday of the last one
      f.command(A, '2026-03-16T00:00:00.000Z'), // current week
      f.command(B, '2026-03-04T10:00:00.000Z'),
      f.meetingCreated(A, '2026-02-16T00:00:00.000Z', 'm1', u1),
      f.meetingCreated(A, '2026-03-09T10:00:00.000Z', 'm2', u1),
      f.meetingCreated(A, '2026-03-15T23:59:00.000Z', 'm3', u1),
      f.meetingCreated(A, '2026-03-16T00:00:00.000Z', 'm4', u1), // current week
      f.meetingCreated(A, '2026-02-15T23:59:59.999Z', 'm5', u1), // before the window
      f.meetingCreated(B, '2026-02-24T10:00:00.000Z', 'm6', u2), // B had no command that week
    ];
    // 4 meetings (m1, m2, m3, m6) over A-02-16, A-03-09, B-03-02
    expect(engagement(events).meeting_creation_rate).toBe(4 / 3);
    expect(engagement(events, '2026-03-16T00:00:00.000Z').meeting_creation_rate).toBe(4 / 3);
    expect(engagement(events, '2026-03-22T23:59:59.999Z').meeting_creation_rate).toBe(4 / 3);
    // Two weeks later the window is 03-02..03-29: m2, m3, m4 over A-03-09, A-03-16, B-03-02.
    expect(engagement(events, '2026-03-30T00:00:00.000Z').meeting_creation_rate).toBe(1);
    expect(engagement(events, '2026-04-20T00:00:00.000Z').meeting_creation_rate).toBeNull();
  });

  it('averages distinct participants (join links ∪ Kaltura participants) of meetings ended in 30 days', () => {
    const f = eventFactory();
    const events = [
      f.meetingCreated(A, '2026-03-01T10:00:00.000Z', 'm1', u1),
      f.joinLink(A, '2026-03-01T10:01:00.000Z', 'm1', u1),
      f.joinLink(A, '2026-03-01T10:02:00.000Z', 'm1', u2),
      f.joined(A, '2026-03-01T10:03:00.000Z', 'm1', u2), // same person: counted once
      f.joined(A, '2026-03-01T10:04:00.000Z', 'm1', 'guest-1'),
      f.meetingEnded(A, '2026-03-01T11:00:00.000Z', 'm1'),
      f.meetingCreated(A, '2026-02-15T10:00:00.000Z', 'm2', u1),
      f.joined(A, '2026-02-15T10:03:00.000Z', 'm2', u1),
      f.left(A, '2026-02-15T10:13:00.000Z', 'm2', u1),
      f.joined(A, '2026-02-15T10:23:00.000Z', 'm2', u1),
      f.meetingEnded(A, '2026-02-16T00:00:00.000Z', 'm2'), // first day of the window
      f.meetingCreated(A, '2026-03-18T09:00:00.000Z', 'm3', u1),
      f.joined(A, '2026-03-18T09:03:00.000Z', 'm3', u2),
      f.meetingEnded(A, '2026-03-18T10:00:00.000Z', 'm3'), // today: excluded
      f.meetingCreated(A, '2026-02-15T09:00:00.000Z', 'm4', u1),
      f.meetingEnded(A, '2026-02-15T23:59:59.999Z', 'm4'), // before the window
      f.meetingCreated(A, '2026-03-05T09:00:00.000Z', 'm5', u1), // never ended
      f.joined(A, '2026-03-05T09:03:00.000Z', 'm5', u2),
      f.meetingCreated(A, '2026-03-10T09:00:00.000Z', 'm6', u1), // no participants at all
      f.meetingEnded(A, '2026-03-10T10:00:00.000Z', 'm6'),
      f.meetingEnded(A, '2026-03-12T10:00:00.000Z', 'm6'), // a second end changes nothing
      f.meetingEnded(A, '2026-03-10T10:00:00.000Z', 'ghost'), // never created: ignored
    ];
    expect(engagement(events).meeting_join_rate).toBe((3 + 1 + 0) / 3);
  });

  it('shares the user-facing commands used in 30 days, overall and per installed active guild', () => {
    const f = eventFactory();
    const events = [
      f.installed(A, '2026-01-01T00:00:00.000Z'),
      f.command(A, '2026-03-01T10:00:00.000Z', { command: 'kaltura-start' }),
      f.command(A, '2026-03-02T10:00:00.000Z', { command: 'kaltura-list' }),
      f.command(A, '2026-03-03T10:00:00.000Z', { command: 'kaltura-list' }),
      f.command(A, '2026-03-03T10:00:00.000Z', { command: 'kaltura-help' }), // not a feature
      f.installed(B, '2026-01-01T00:00:00.000Z'),
      f.command(B, '2026-03-01T10:00:00.000Z', { command: 'kaltura-stats', outcome: 'denied' }),
      f.command(B, '2026-02-15T10:00:00.000Z', { command: 'kaltura-end' }), // outside
      f.command(C, '2026-03-01T10:00:00.000Z', { command: 'kaltura-video-search' }), // unknown guild
      f.installed(D, '2026-01-01T00:00:00.000Z'),
      f.uninstalled(D, '2026-02-01T00:00:00.000Z'),
      f.command(D, '2026-03-01T10:00:00.000Z', { command: 'kaltura-join' }),
      f.installed(E, '2026-01-01T00:00:00.000Z'), // installed, no command: not averaged
    ];
    const summary = engagement(events);
    expect(summary.feature_adoption).toBe(5 / 11);
    expect(summary.feature_adoption_per_guild_mean).toBeCloseTo((2 / 11 + 1 / 11) / 2, 12);
  });
});
