import { describe, expect, it } from '@jest/globals';
import { eventFactory, snowflake as sf } from '../events/event-factory.js';
import { metricsAt } from '../testing/analytics-fixtures.js';

const NOW = '2026-03-18T12:00:00.000Z';
const G = sf(1);
const [u1, u2] = [sf(101), sf(102)];

describe('meetings table', () => {
  it('gives each created meeting its start, end, duration and distinct participants', () => {
    const f = eventFactory();
    const events = [
      f.meetingCreated(G, '2026-03-17T10:00:00.000Z', 'm1', u1),
      f.meetingStarted(G, '2026-03-17T10:05:00.000Z', 'm1'),
      f.joinLink(G, '2026-03-17T10:01:00.000Z', 'm1', u1),
      f.joinLink(G, '2026-03-17T10:02:00.000Z', 'm1', u2),
      f.joined(G, '2026-03-17T10:06:00.000Z', 'm1', u2),
      f.joined(G, '2026-03-17T10:07:00.000Z', 'm1', 'guest-1'),
      f.meetingEnded(G, '2026-03-17T11:05:00.000Z', 'm1'),
      f.meetingCreated(G, '2026-03-17T11:00:00.000Z', 'm2', u2), // ended without a start
      f.meetingEnded(G, '2026-03-17T11:30:30.500Z', 'm2'),
      f.meetingCreated(G, '2026-03-17T12:00:00.000Z', 'm3', u2), // never ended
      f.meetingStarted(G, '2026-03-17T12:01:00.000Z', 'm3'),
      f.meetingEnded(G, '2026-03-19T12:00:00.000Z', 'm3'), // after now
      f.joined(G, '2026-03-17T12:00:00.000Z', 'ghost', u1), // never created
    ];
    expect(metricsAt(events, NOW).meetings).toEqual([
      {
        meeting_id: 'm1',
        guild_id: G,
        type: 'meeting',
        owner_user_id: u1,
        created_at: '2026-03-17T10:00:00.000Z',
        started_at: '2026-03-17T10:05:00.000Z',
        ended_at: '2026-03-17T11:05:00.000Z',
        duration_seconds: 3600,
        participants: 3,
      },
      expect.objectContaining({
        meeting_id: 'm2',
        started_at: null,
        duration_seconds: 1830.5,
        participants: 0,
      }),
      expect.objectContaining({ meeting_id: 'm3', ended_at: null, duration_seconds: null }),
    ]);
  });
});

describe('one person, one count', () => {
  const [a, b] = [sf(201), sf(202)];
  const mixed = (f: ReturnType<typeof eventFactory>, linkAt: string) => [
    f.installed(G, '2026-01-01T00:00:00.000Z'),
    f.meetingCreated(G, '2026-03-17T10:00:00.000Z', 'mx', u1),
    f.meetingStarted(G, '2026-03-17T10:05:00.000Z', 'mx'),
    f.joinLink(G, '2026-03-17T10:01:00.000Z', 'mx', a),
    f.joined(G, '2026-03-17T10:06:00.000Z', 'mx', `discord:${a}`),
    f.joined(G, '2026-03-17T10:07:00.000Z', 'mx', 'u-x'),
    f.personLinked(linkAt, b, 'u-x'),
    f.meetingEnded(G, '2026-03-17T11:00:00.000Z', 'mx'),
  ];

  it('folds discord:<id> and a linked Kaltura user onto the Discord member: 2 participants', () => {
    const metrics = metricsAt(mixed(eventFactory(), '2026-03-17T09:00:00.000Z'), NOW);
    expect(metrics.meetings).toEqual([
      expect.objectContaining({ meeting_id: 'mx', participants: 2 }),
    ]);
    expect(metrics.engagementSummary.meeting_join_rate).toBe(2);
  });

  it('applies a link recorded after the join, even after now, to the whole history', () => {
    const metrics = metricsAt(mixed(eventFactory(), '2026-03-19T09:00:00.000Z'), NOW);
    expect(metrics.meetings).toEqual([expect.objectContaining({ participants: 2 })]);
  });

  it('keeps the first link of a Kaltura user, and never re-maps discord:<id>', () => {
    const f = eventFactory();
    const events = [
      ...mixed(f, '2026-03-17T09:00:00.000Z'),
      f.personLinked('2026-03-17T09:30:00.000Z', a, 'u-x'), // later link: ignored
      f.personLinked('2026-03-17T09:30:00.000Z', b, `discord:${a}`), // the form wins
    ];
    expect(metricsAt(events, NOW).meetings).toEqual([expect.objectContaining({ participants: 2 })]);
  });
});

describe('live gauges', () => {
  it('counts started, unended meetings under 24 hours old and who is in them', () => {
    const f = eventFactory();
    const events = [
      f.installed(G, '2026-01-01T00:00:00.000Z'),
      f.meetingCreated(G, '2026-03-18T10:59:00.000Z', 'l1', u1),
      f.meetingStarted(G, '2026-03-18T11:00:00.000Z', 'l1'),
      ...['p1', 'p2', 'p3'].map((p) => f.joined(G, '2026-03-18T11:01:00.000Z', 'l1', p)),
      f.left(G, '2026-03-18T11:02:00.000Z', 'l1', 'p2'),
      f.left(G, '2026-03-18T11:03:00.000Z', 'l1', 'p1'),
      f.joined(G, '2026-03-18T11:04:00.000Z', 'l1', 'p1'), // back again
      f.joinLink(G, '2026-03-18T11:05:00.000Z', 'l1', u2), // a link is not presence
      f.left(G, '2026-03-18T12:30:00.000Z', 'l1', 'p3'), // after now
      f.meetingCreated(G, '2026-03-17T12:00:00.000Z', 'l2', u1),
      f.meetingStarted(G, '2026-03-17T12:30:00.000Z', 'l2'), // 23.5 hours ago
      f.joined(G, '2026-03-17T12:31:00.000Z', 'l2', 'p4'),
      f.meetingCreated(G, '2026-03-17T11:00:00.000Z', 'l3', u1),
      f.meetingStarted(G, '2026-03-17T11:59:00.000Z', 'l3'), // over 24 hours: stale
      f.joined(G, '2026-03-17T12:31:00.000Z', 'l3', 'p5'),
      f.meetingCreated(G, '2026-03-18T11:00:00.000Z', 'l4', u1), // not started
      f.meetingCreated(G, '2026-03-18T09:00:00.000Z', 'l5', u1),
      f.meetingStarted(G, '2026-03-18T10:00:00.000Z', 'l5'),
      f.joined(G, '2026-03-18T10:01:00.000Z', 'l5', 'p6'),
      f.meetingEnded(G, '2026-03-18T11:30:00.000Z', 'l5'), // ended
      f.meetingCreated(G, '2026-03-18T10:00:00.000Z', 'l6', u1),
      f.meetingStarted(G, '2026-03-18T11:00:00.000Z', 'l6'),
      f.meetingEnded(G, '2026-03-18T12:30:00.000Z', 'l6'), // ends after now
    ];
    expect(metricsAt(events, NOW).live).toEqual({
      installed_guilds: 1,
      meetings_live: 3, // l1 l2 l6
      meeting_participants_live: 3, // l1: p1 p3, l2: p4
    });
  });
});
