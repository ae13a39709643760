import { describe, expect, it } from '@jest/globals';
import { eventFactory } from '../events/event-factory.js';
import { ids, metricsAt } from '../testing/analytics-fixtures.js';

describe('stickiness', () => {
  it('counts active days in the last 30 complete days per installed active guild', () => {
    const f = eventFactory();
    const [a, b, c, d, e, u] = ids(1, 2, 3, 4, 5, 9);
    const install = (g: string) => f.installed(g, '2026-01-01T00:00:00.000Z');
    const events = [
      ...[a, b, c, d, e].map(install),
      f.command(a, '2026-03-17T10:00:00.000Z'),
      f.command(a, '2026-03-17T11:00:00.000Z'),
      f.command(a, '2026-03-10T10:00:00.000Z'),
      f.command(a, '2026-02-16T00:00:00.000Z'),
      f.command(a, '2026-02-15T23:59:59.999Z'), // outside
      f.command(a, '2026-03-18T10:00:00.000Z'), // today
      f.command(b, '2026-03-01T10:00:00.000Z'),
      f.uninstalled(d, '2026-02-01T00:00:00.000Z'),
      f.command(d, '2026-03-01T10:00:00.000Z'), // not installed
      ...[1, 2, 3, 4, 5, 6].map((n) => f.command(e, `2026-03-0${n}T10:00:00.000Z`)),
      f.command(u, '2026-03-01T10:00:00.000Z'), // never installed
    ];
    expect(metricsAt(events, '2026-03-18T12:00:00.000Z').stickiness).toEqual({
      window_days: 30,
      guilds: 3,
      active_days_mean: 10 / 3,
      active_days_median: 3,
      dau_mau: 10 / 3 / 30,
      per_guild: [
        { guild_id: a, active_days: 3 },
        { guild_id: b, active_days: 1 },
        { guild_id: e, active_days: 6 },
      ],
    });
  });

  it('is null without active installed guilds', () => {
    expect(metricsAt([], '2026-03-18T12:00:00.000Z').stickiness).toMatchObject({
      guilds: 0,
      active_days_mean: null,
      active_days_median: null,
      dau_mau: null,
    });
  });
});
