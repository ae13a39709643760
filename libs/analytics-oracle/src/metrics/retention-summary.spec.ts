import { describe, expect, it } from '@jest/globals';
import { eventFactory, snowflake as sf } from '../events/event-factory.js';
import { ids, metricsAt } from '../testing/analytics-fixtures.js';

const NOW = '2026-03-18T12:00:00.000Z'; // a Wednesday
const guild = (n: number) => sf(n);
const retention = (events: Parameters<typeof metricsAt>[0]) =>
  metricsAt(events, NOW).retentionSummary;

describe('retention summary', () => {
  it('is null for an empty log', () => {
    expect(retention([])).toEqual({
      installed_guilds: 0,
      weekly_active_servers: null,
      command_retention_30d: null,
      meeting_retention: null,
      server_retention_90d: null,
    });
  });

  it('counts guilds whose latest install (in occurredAt order) is not followed by an uninstall', () => {
    const f = eventFactory();
    const [a, b, c, d, e, g] = ids(1, 2, 3, 4, 5, 7);
    const events = [
      f.installed(a, '2026-01-01T00:00:00.000Z'),
      f.command(a, '2026-03-17T10:00:00.000Z'),
      f.installed(b, '2026-01-05T00:00:00.000Z'),
      f.uninstalled(b, '2026-02-01T00:00:00.000Z'),
      f.installed(b, '2026-03-01T00:00:00.000Z'), // reinstalled
      f.command(b, '2026-03-10T10:00:00.000Z'), // not in the last 7 days
      f.installed(c, '2026-01-01T00:00:00.000Z'),
      f.uninstalled(c, '2026-03-01T00:00:00.000Z'),
      f.command(c, '2026-03-17T10:00:00.000Z'), // active but not installed
      f.command(d, '2026-03-17T10:00:00.000Z'), // never installed
      f.installed(e, '2026-01-10T00:00:00.000Z'),
      f.installed(e, '2026-03-12T00:00:00.000Z'),
      f.uninstalled(e, '2026-03-05T00:00:00.000Z'), // arrives late: it came before the reinstall
      f.command(e, '2026-03-11T00:00:00.000Z'),
      f.installed(g, '2026-04-01T00:00:00.000Z'), // after now: not yet
    ];
    const summary = retention(events);
    expect(summary.installed_guilds).toBe(3); // a, b, e
    expect(summary.weekly_active_servers).toBe(2 / 3); // a, e
  });

  it('retains a guild installed ≥ 30 days ago with a command on or after day 30', () => {
    const f = eventFactory();
    const [p1, p2, p3, p4, p5, p6, p7, p8] = ids(11, 12, 13, 14, 15, 16, 17, 18);
    const events = [
      f.installed(p1, '2026-01-01T00:00:00.000Z'),
      f.command(p1, '2026-01-20T10:00:00.000Z'), // day 19
      f.installed(p2, '2026-01-01T23:00:00.000Z'),
      f.command(p2, '2026-01-31T00:00:00.000Z'), // day 30 exactly
      f.installed(p3, '2026-02-16T23:00:00.000Z'), // install day = today − 30: eligible
      f.command(p3, '2026-03-17T23:59:59.999Z'), // day 29
      f.installed(p4, '2026-02-16T01:00:00.000Z'),
      f.command(p4, '2026-03-18T11:00:00.000Z'), // day 30 = today, before now
      f.installed(p5, '2026-02-17T00:00:00.000Z'), // 29 days ago: not eligible
      f.command(p5, '2026-03-18T11:00:00.000Z'),
      f.installed(p6, '2026-01-01T00:00:00.000Z'),
      f.uninstalled(p6, '2026-01-15T00:00:00.000Z'),
      f.installed(p6, '2026-02-20T00:00:00.000Z'), // day 30 counts from the first install
      f.command(p6, '2026-03-01T00:00:00.000Z'),
      f.installed(p7, '2026-02-16T00:00:00.000Z'),
      f.command(p7, '2026-04-01T00:00:00.000Z'), // after now
      f.command(p8, '2026-03-01T00:00:00.000Z'), // never installed
    ];
    // eligible p1 p2 p3 p4 p6 p7; retained p2 p4 p6
    expect(retention(events).command_retention_30d).toBe(3 / 6);
  });

  it('shares owners with two or more meetings among owners with one, all time', () => {
    const f = eventFactory();
    const g = guild(1);
    const [o1, o2, o3, o4] = ids(201, 202, 203, 204);
    const m1 = f.meetingCreated(g, '2025-06-01T10:00:00.000Z', 'm1', o1);
    const events = [
      m1,
      structuredClone(m1), // the same event twice
      f.meetingCreated(g, '2026-03-17T10:00:00.000Z', 'm2', o1),
      f.meetingCreated(g, '2026-03-01T10:00:00.000Z', 'm3', o2),
      f.meetingCreated(g, '2026-03-01T10:00:05.000Z', 'm3', o2), // same meeting, re-sent
      f.meetingCreated(g, '2026-04-01T10:00:00.000Z', 'm4', o3), // after now
      ...['m5', 'm6', 'm7'].map((m) => f.meetingCreated(g, '2026-01-01T10:00:00.000Z', m, o4)),
    ];
    expect(retention(events).meeting_retention).toBe(2 / 3); // o1, o4 of o1, o2, o4
  });

  it('retains guilds installed ≥ 90 days ago that are still installed and active in 30 days', () => {
    const f = eventFactory();
    const [s1, s2, s3, s4, s5] = ids(21, 22, 23, 24, 25);
    const events = [
      f.installed(s1, '2025-12-18T20:00:00.000Z'), // install day = today − 90
      f.command(s1, '2026-03-17T10:00:00.000Z'),
      f.installed(s2, '2025-11-01T00:00:00.000Z'),
      f.command(s2, '2026-02-15T23:59:59.999Z'), // just before the 30-day window
      f.command(s2, '2026-03-18T10:00:00.000Z'), // today: not in the window
      f.installed(s3, '2025-11-01T00:00:00.000Z'),
      f.uninstalled(s3, '2026-03-01T00:00:00.000Z'),
      f.command(s3, '2026-03-10T10:00:00.000Z'),
      f.installed(s4, '2025-12-19T00:00:00.000Z'), // 89 days: not eligible
      f.command(s4, '2026-03-10T10:00:00.000Z'),
      f.installed(s5, '2025-10-01T00:00:00.000Z'),
      f.uninstalled(s5, '2025-11-01T00:00:00.000Z'),
      f.installed(s5, '2026-03-01T00:00:00.000Z'),
      f.command(s5, '2026-02-16T00:00:00.000Z'),
    ];
    expect(retention(events).server_retention_90d).toBe(2 / 4); // s1, s5 of s1, s2, s3, s5
  });
});
