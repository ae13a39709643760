import { describe, expect, it } from '@jest/globals';
import { eventFactory } from '../events/event-factory.js';
import { ids, metricsAt } from '../testing/analytics-fixtures.js';

const row = (cohort: string, k: number, size: number, exactly: number, onOrAfter: number) => ({
  cohort_week: cohort,
  weeks_since_install: k,
  cohort_size: size,
  active_guilds: exactly,
  active_share: exactly / size,
  active_guilds_on_or_after: onOrAfter,
  active_share_on_or_after: onOrAfter / size,
});

describe('weekly install-cohort retention', () => {
  const f = eventFactory();
  const [g1, g2, g3, g4, g5, u] = ids(1, 2, 3, 4, 5, 9);
  const events = [
    f.installed(g1, '2026-02-18T10:00:00.000Z'), // Wednesday of week 02-16
    f.command(g1, '2026-02-19T10:00:00.000Z'), // week 0
    f.command(g1, '2026-03-03T10:00:00.000Z'), // week 2
    f.command(g1, '2026-03-17T10:00:00.000Z'), // current week: not complete
    f.installed(g2, '2026-02-22T23:00:00.000Z'), // Sunday of week 02-16
    f.command(g2, '2026-02-23T00:00:00.000Z'), // week 1
    f.command(g2, '2026-02-10T10:00:00.000Z'), // before the install week: clamps to week 0
    f.installed(g3, '2026-02-16T00:00:00.000Z'),
    f.uninstalled(g3, '2026-02-20T00:00:00.000Z'), // uninstalled guilds stay in their cohort
    f.installed(g4, '2026-03-02T10:00:00.000Z'),
    f.command(g4, '2026-03-09T10:00:00.000Z'), // week 1
    f.uninstalled(g4, '2026-03-10T10:00:00.000Z'),
    f.installed(g4, '2026-03-16T10:00:00.000Z'), // a reinstall keeps the first cohort
    f.installed(g5, '2026-03-16T10:00:00.000Z'), // current week: no complete week yet
    f.command(u, '2026-02-19T10:00:00.000Z'), // never installed: no cohort
  ];

  it('has a row per cohort week and complete week since install, in both flavours', () => {
    expect(metricsAt(events, '2026-03-18T12:00:00.000Z').cohortRetention).toEqual([
      row('2026-02-16', 0, 3, 2, 2),
      row('2026-02-16', 1, 3, 1, 2),
      row('2026-02-16', 2, 3, 1, 1),
      row('2026-02-16', 3, 3, 0, 0),
      row('2026-03-02', 0, 1, 0, 1),
      row('2026-03-02', 1, 1, 1, 1),
    ]);
  });

  it('adds the week just completed when now reaches Monday', () => {
    const rows = metricsAt(events, '2026-03-23T00:00:00.000Z').cohortRetention;
    expect(rows.filter((r) => r.cohort_week === '2026-02-16')).toHaveLength(5);
    expect(rows.find((r) => r.cohort_week === '2026-02-16' && r.weeks_since_install === 4)).toEqual(
      row('2026-02-16', 4, 3, 1, 1), // g1's command of 03-17
    );
    expect(rows.filter((r) => r.cohort_week === '2026-03-16')).toEqual([
      row('2026-03-16', 0, 1, 0, 0),
    ]);
  });
});
