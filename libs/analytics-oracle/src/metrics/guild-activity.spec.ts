import { describe, expect, it } from '@jest/globals';
import { eventFactory, snowflake as sf } from '../events/event-factory.js';
import { metricsAt } from '../testing/analytics-fixtures.js';

const NOW = '2026-03-18T12:00:00.000Z';
const [A, U] = [sf(1), sf(9)];
const [u1, u2] = [sf(101), sf(102)];

describe('guild daily and weekly activity', () => {
  const f = eventFactory();
  const repeated = f.command(A, '2026-03-17T10:00:00.000Z', { user: u1 });
  const events = [
    f.installed(A, '2026-01-01T00:00:00.000Z'),
    repeated,
    structuredClone(repeated), // counted once
    f.command(A, '2026-03-17T11:00:00.000Z', { user: u1, outcome: 'error' }),
    f.command(A, '2026-03-17T23:59:59.999Z', { user: u2, outcome: 'denied' }),
    f.meetingCreated(A, '2026-03-17T10:00:01.000Z', 'm1', u1),
    f.command(A, '2026-03-18T08:00:00.000Z', { user: u2, outcome: 'error' }), // today counts here
    f.command(A, '2026-03-18T13:00:00.000Z', { user: u2 }), // after now
    f.meetingCreated(A, '2026-03-10T09:00:00.000Z', 'm2', u2), // a day with a meeting only
    f.command(U, '2026-03-12T09:00:00.000Z', { user: u1 }), // a guild never installed
    f.command(null, '2026-03-12T09:00:00.000Z', { user: u1 }), // no guild
  ];
  const snapshot = metricsAt(events, NOW);

  it('has one row per guild and day with commands or created meetings', () => {
    expect(snapshot.guildDailyActivity).toEqual([
      {
        guild_id: A,
        day: '2026-03-10',
        commands: 0,
        unique_users: 0,
        meetings_created: 1,
        errors: 0,
      },
      {
        guild_id: A,
        day: '2026-03-17',
        commands: 3,
        unique_users: 2,
        meetings_created: 1,
        errors: 1,
      },
      {
        guild_id: A,
        day: '2026-03-18',
        commands: 1,
        unique_users: 1,
        meetings_created: 0,
        errors: 1,
      },
      {
        guild_id: U,
        day: '2026-03-12',
        commands: 1,
        unique_users: 1,
        meetings_created: 0,
        errors: 0,
      },
    ]);
  });

  it('rolls the same up per ISO week with the number of active days', () => {
    expect(snapshot.guildWeeklyActivity).toEqual([
      {
        guild_id: A,
        week: '2026-03-09',
        commands: 0,
        unique_users: 0,
        meetings_created: 1,
        errors: 0,
        active_days: 0,
      },
      {
        guild_id: A,
        week: '2026-03-16',
        commands: 4,
        unique_users: 2,
        meetings_created: 1,
        errors: 2,
        active_days: 2,
      },
      {
        guild_id: U,
        week: '2026-03-09',
        commands: 1,
        unique_users: 1,
        meetings_created: 0,
        errors: 0,
        active_days: 1,
      },
    ]);
  });

  it('lists every guild id seen, installed or not', () => {
    expect(snapshot.guilds.map((g) => [g.guild_id, g.installed, g.install_day])).toEqual([
      [A, true, '2026-01-01'],
      [U, false, null],
    ]);
  });
});
