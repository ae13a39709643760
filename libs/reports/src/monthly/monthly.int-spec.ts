import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { flattenConfig, loadDefaultConfig } from '@kd/guild-config';
import { parseDay, periodBefore } from '../period.js';
import { projectedHistory, type ProjectedHistory } from '../../test/projected-history.js';
import { readMonthly } from './monthly.query.js';

const asOf = parseDay('2026-11-23');
const defaults = flattenConfig(loadDefaultConfig());
let h: ProjectedHistory;
beforeAll(async () => {
  h = await projectedHistory();
});
afterAll(() => h.dispose());
const read: ProjectedHistory['read'] = (period, fn, role) => h.read(period, fn, role);

describe('monthly (October 2026)', () => {
  const month = periodBefore('monthly', asOf);
  const monthly = () => read(month, (sql) => readMonthly(sql, month, defaults), 'kd_analytics');

  it('has the lifecycle, installs, users and meetings of each week ending in the month', async () => {
    const { weeks } = await monthly();
    const row = (week: string, l: number[], i: number[], a: number[]) => ({
      week,
      new: l[0],
      returning: l[1],
      resurrecting: l[2],
      dormant: l[3],
      active: l[4],
      installs: i[0],
      first_installs: i[1],
      uninstalls: i[2],
      installed_at_end: i[3],
      unique_users: a[0],
      commands: a[1],
      meetings_created: a[2],
    });
    expect(weeks).toEqual([
      row('2026-09-28', [0, 0, 1, 0, 1], [0, 0, 0, 1], [1, 1, 0]),
      row('2026-10-05', [2, 1, 0, 0, 3], [2, 2, 0, 3], [3, 3, 1]),
      row('2026-10-12', [0, 1, 0, 2, 1], [0, 0, 0, 3], [1, 1, 1]),
      row('2026-10-19', [0, 0, 1, 1, 1], [0, 0, 1, 2], [1, 1, 0]),
    ]);
  });

  it('sums the month against the previous one, with installs and health', async () => {
    const data = await monthly();
    expect(data.installs).toEqual({
      installed_at_start: 1,
      installed_at_end: 2,
      first_installs: 2,
      installs: 2,
      uninstalls: 1,
    });
    expect(data.activity).toEqual({
      active_guilds: 3,
      commands: 7,
      errors: 1,
      unique_users: 4,
      meetings_created: 2,
      meetings_ended: 2,
    });
    expect(data.previous).toEqual({
      active_guilds: 1,
      commands: 2,
      errors: 0,
      unique_users: 2,
      meetings_created: 0,
      meetings_ended: 0,
    });
    expect(data.health).toEqual({
      kaltura_failures: 1,
      notifications_failed: 0,
      notifications_sent: 0,
    });
    expect(data.deadLetters).toEqual({
      unavailable: 'permission denied for schema kd',
    });
  });

  it('ranks features and the configuration keys installed guilds override at the end of the month', async () => {
    const data = await monthly();
    expect(
      data.features.slice(0, 5).map((f) => [f.command, f.runs, f.guilds, f.users, f.errors]),
    ).toEqual([
      ['kaltura-join', 2, 1, 1, 0],
      ['kaltura-list', 2, 1, 2, 0],
      ['kaltura-start', 2, 2, 2, 1],
      ['kaltura-config-update', 1, 1, 1, 0],
      ['kaltura-cancel', 0, 0, 0, 0],
    ]);
    expect(data.configKeys).toEqual([
      {
        key: 'notifications.templates.meeting_start',
        guilds_overriding: 1,
        share_of_installed: 0.5,
        updates: 2,
        guilds_updating: 2,
      },
      {
        key: 'roles.mapping.*',
        guilds_overriding: 1,
        share_of_installed: 0.5,
        updates: 1,
        guilds_updating: 1,
      },
      {
        key: 'notifications.channels.meeting_start',
        guilds_overriding: 1,
        share_of_installed: 0.5,
        updates: 0,
        guilds_updating: 0,
      },
      {
        key: 'notifications.enabled',
        guilds_overriding: 0,
        share_of_installed: 0,
        updates: 1,
        guilds_updating: 1,
      },
    ]);
    expect(data.metrics.customization.map((m) => m.value)).toEqual([0.5, 0.5, 0.5, 0.5]);
  });
});
