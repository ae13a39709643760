import { describe, expect, it } from '@jest/globals';
import { withTarget } from '@kd/analytics';
import type { ServiceHealthData } from '../daily/service-health.query.js';
import { renderServiceHealth } from '../daily/service-health.report.js';
import { periodBefore, parseDay } from '../period.js';
import { metricsTable } from '../shared/metrics.render.js';
import { cohortMatrix } from '../weekly/usage.report.js';
import { markdownTable } from './markdown.js';

const none = { unavailable: 'permission denied for schema kd' };
const quietDay: ServiceHealthData = {
  period: periodBefore('daily', parseDay('2026-11-23')),
  commands: [],
  total: {
    command: null,
    total: 0,
    ok: 0,
    error: 0,
    denied: 0,
    invalid: 0,
    error_ratio: null,
    p50_ms: null,
    p95_ms: null,
  },
  webhooks: [],
  kalturaFailures: [],
  notifications: [],
  deadLetters: none,
  checkpoints: none,
};

describe('report rendering', () => {
  it('says which parts the role may not read, and writes no CSV for them', () => {
    const report = renderServiceHealth(quietDay, '2026-11-23T06:00:00.000Z');
    expect(report.baseName).toBe('daily-2026-11-22');
    expect(report.tables.map((t) => t.name)).toEqual([
      'commands',
      'webhooks',
      'kaltura-failures',
      'notifications',
    ]);
    expect(report.markdown).toContain(
      '_Dead letters not available to this database role (permission denied for schema kd): it needs SELECT on kd.projection_dead_letters._',
    );
    expect(report.markdown).toContain('No commands.');
    expect(report.markdown.endsWith('\n')).toBe(true);
  });

  it('shows ratios as percentages and rates as decimals beside their targets', () => {
    const table = metricsTable('m', [
      withTarget('weekly_active_servers', 0.8125),
      withTarget('command_usage_rate', null),
    ]);
    expect(table.rows[0]).toEqual({
      metric: 'weekly_active_servers',
      label: 'Weekly active servers',
      value: 0.8125,
      target_above: 0.8,
      on_target: true,
    });
    expect(markdownTable(table.columns.slice(0, 4), table.rows)).toBe(
      [
        '| Metric | Value | Target | Status |',
        '| --- | ---: | ---: | --- |',
        '| Weekly active servers | 81.3% | > 80.0% | on target |',
        '| Commands per active guild-day (7 days) | — | > 5.00 | no data |',
      ].join('\n'),
    );
  });

  it('lays cohorts out as a triangle: one row per cohort, one column per week since install', () => {
    const cell = (cohort_week: string, k: number, active: number, size: number) => ({
      cohort_week,
      weeks_since_install: k,
      cohort_size: size,
      active_guilds: active,
      active_share: active / size,
      active_guilds_on_or_after: active,
      active_share_on_or_after: active / size,
    });
    expect(
      cohortMatrix([
        cell('2026-11-02', 0, 2, 2),
        cell('2026-11-02', 1, 1, 2),
        cell('2026-11-09', 0, 1, 3),
      ]),
    ).toBe(
      [
        '| Cohort | Guilds | W0 | W1 |',
        '| --- | ---: | ---: | ---: |',
        '| 2026-11-02 | 2 | 100% | 50% |',
        '| 2026-11-09 | 3 | 33% |  |',
      ].join('\n'),
    );
  });
});
