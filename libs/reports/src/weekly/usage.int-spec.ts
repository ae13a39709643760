import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parseDay, periodBefore } from '../period.js';
import { g1, g2, g4 } from '../../test/report-history.js';
import { projectedHistory, type ProjectedHistory } from '../../test/projected-history.js';
import { readUsage } from './usage.query.js';

const asOf = parseDay('2026-11-23');
let h: ProjectedHistory;
beforeAll(async () => {
  h = await projectedHistory();
});
afterAll(() => h.dispose());
const read: ProjectedHistory['read'] = (period, fn, role) => h.read(period, fn, role);

describe('weekly usage (2026-W47)', () => {
  const week = periodBefore('weekly', asOf);

  it('has the week beside the one before, and the most active guilds', async () => {
    const data = await read(week, (sql) => readUsage(sql, week), 'kd_analytics');
    expect(data.activity).toEqual({
      active_guilds: 3,
      commands: 9,
      errors: 1,
      unique_users: 5,
      meetings_created: 2,
      meetings_ended: 1,
    });
    expect(data.previous).toEqual({
      active_guilds: 1,
      commands: 1,
      errors: 0,
      unique_users: 1,
      meetings_created: 0,
      meetings_ended: 0,
    });
    expect(data.topGuilds).toEqual([
      {
        guild_id: g1,
        commands: 6,
        unique_users: 2,
        active_days: 4,
        meetings_created: 2,
        errors: 1,
      },
      {
        guild_id: g4,
        commands: 2,
        unique_users: 2,
        active_days: 1,
        meetings_created: 0,
        errors: 0,
      },
      {
        guild_id: g2,
        commands: 1,
        unique_users: 1,
        active_days: 1,
        meetings_created: 0,
        errors: 0,
      },
    ]);
  });

  it('evaluates engagement and retention at the end of the week, with targets', async () => {
    const { metrics } = await read(week, (sql) => readUsage(sql, week));
    const values = Object.fromEntries(
      [...metrics.engagement, ...metrics.retention, ...metrics.customization].map((m) => [
        m.metric,
        [m.value, m.onTarget],
      ]),
    );
    expect(values).toEqual({
      command_usage_rate: [1.5, false], // 9 commands / 6 active guild-days
      unique_users: [expect.closeTo((0.2 + 0.25 + 0.4) / 3, 9), false],
      meeting_creation_rate: [0.4, false], // 2 meetings / 5 active guild-weeks
      meeting_join_rate: [1, false],
      feature_adoption: [expect.closeTo(3 / 11, 9), false],
      weekly_active_servers: [1, true],
      command_retention: [expect.closeTo(2 / 3, 9), true],
      meeting_retention: [0.5, true],
      server_retention: [null, null],
      configuration_rate: [expect.closeTo(1 / 3, 9), true],
      template_customization: [expect.closeTo(1 / 3, 9), true],
      role_mapping_customization: [expect.closeTo(1 / 3, 9), false],
      notification_customization: [expect.closeTo(1 / 3, 9), false],
    });
    expect(metrics.installedGuilds).toBe(3);
    expect(metrics.detail.uniqueUsersMedian).toBe(0.25);
  });

  it('counts feature usage in the week and shows the last 12 install cohorts', async () => {
    const data = await read(week, (sql) => readUsage(sql, week));
    expect(data.features.slice(0, 4)).toEqual([
      {
        command: 'kaltura-list',
        user_facing: true,
        runs: 5,
        guilds: 3,
        users: 4,
        errors: 0,
        guild_share: 1,
      },
      {
        command: 'kaltura-start',
        user_facing: true,
        runs: 3,
        guilds: 1,
        users: 2,
        errors: 1,
        guild_share: 1 / 3,
      },
      {
        command: 'kaltura-stats',
        user_facing: true,
        runs: 1,
        guilds: 1,
        users: 1,
        errors: 0,
        guild_share: 1 / 3,
      },
      {
        command: 'kaltura-cancel',
        user_facing: true,
        runs: 0,
        guilds: 0,
        users: 0,
        errors: 0,
        guild_share: 0,
      },
    ]);
    expect(data.features).toHaveLength(11);
    const cell = (cohort: string, k: number) =>
      data.cohorts.find((c) => c.cohort_week === cohort && c.weeks_since_install === k);
    expect([...new Set(data.cohorts.map((c) => c.cohort_week))]).toEqual([
      '2026-08-31',
      '2026-10-05',
      '2026-11-16',
    ]);
    expect(
      data.cohorts
        .filter((c) => c.cohort_week === '2026-10-05')
        .map((c) => [c.active_guilds, c.active_guilds_on_or_after]),
    ).toEqual([
      [2, 2],
      [1, 1],
      [0, 1],
      [0, 1],
      [0, 1],
      [1, 1],
      [1, 1],
    ]);
    expect(cell('2026-08-31', 11)).toMatchObject({
      cohort_size: 1,
      active_guilds: 1,
      active_share: 1,
    });
    expect(cell('2026-11-16', 0)).toMatchObject({ cohort_size: 1, active_guilds: 1 });
  });
});
