import { describe, expect, it } from '@jest/globals';
import { eventFactory } from '../events/event-factory.js';
import { ids, metricsAt } from '../testing/analytics-fixtures.js';

describe('guild lifecycle per ISO week', () => {
  it('classifies guilds as new, returning, resurrecting or dormant from command activity', () => {
    const f = eventFactory();
    const [x, y, z] = ids(1, 2, 3);
    const events = [
      f.installed(x, '2026-02-10T00:00:00.000Z'),
      f.command(x, '2026-02-18T10:00:00.000Z'), // week 02-16
      f.command(x, '2026-02-25T10:00:00.000Z'), // 02-23
      f.command(x, '2026-03-10T10:00:00.000Z'), // 03-09
      f.command(x, '2026-03-17T10:00:00.000Z'), // current week: ignored
      f.command(y, '2026-02-23T00:00:00.000Z'), // 02-23
      f.command(y, '2026-03-08T23:59:59.999Z'), // 03-02
      f.command(z, '2026-03-15T10:00:00.000Z'), // 03-09, a guild never installed
    ];
    const week = (w: string, n: number, r: number, s: number, d: number) => ({
      week: w,
      new: n,
      returning: r,
      resurrecting: s,
      dormant: d,
      active: n + r + s,
    });
    expect(metricsAt(events, '2026-03-18T12:00:00.000Z').guildLifecycle).toEqual([
      week('2026-02-16', 1, 0, 0, 0), // x new
      week('2026-02-23', 1, 1, 0, 0), // y new, x returning
      week('2026-03-02', 0, 1, 0, 1), // y returning, x dormant
      week('2026-03-09', 1, 0, 1, 1), // z new, x resurrecting, y dormant
    ]);
    expect(metricsAt([], '2026-03-18T12:00:00.000Z').guildLifecycle).toEqual([]);
  });
});
