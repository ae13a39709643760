import { describe, expect, it } from '@jest/globals';
import { flattenConfig } from '@kd/guild-config';
import { configKeyUsage, keyGroup, type ConfigChange } from './config-keys.js';

const defaults = flattenConfig({
  notifications: { enabled: true, templates: { meeting_start: 'Started' } },
  roles: { mapping: {}, default: 'viewer' },
});
const update = (guild: string, key: string, value: unknown, inPeriod = true): ConfigChange => ({
  guild_id: guild,
  change: 'updated',
  key,
  new_value: value as never,
  in_period: inPeriod,
});

describe('most overridden configuration keys', () => {
  it('counts installed guilds overriding each key at the end, and the updates in the period', () => {
    const rows = configKeyUsage(
      [
        update('g1', 'notifications.templates.meeting_start', 'Hi', false),
        update('g1', 'roles.mapping.111', 'moderator'),
        update('g1', 'roles.mapping.222', 'viewer'),
        update('g2', 'notifications.templates.meeting_start', 'Yo'),
        update('g2', 'notifications.templates.meeting_start', 'Started'), // back to the default
        update('g3', 'notifications.enabled', false), // g3 is not installed
      ],
      new Set(['g1', 'g2']),
      defaults,
    );
    expect(rows).toEqual([
      {
        key: 'notifications.templates.meeting_start',
        guilds_overriding: 1,
        share_of_installed: 0.5,
        updates: 2,
        guilds_updating: 1,
      },
      {
        key: 'roles.mapping.*',
        guilds_overriding: 1,
        share_of_installed: 0.5,
        updates: 2,
        guilds_updating: 1,
      },
      {
        key: 'notifications.enabled',
        guilds_overriding: 0,
        share_of_installed: 0,
        updates: 1,
        guilds_updating: 1,
      },
    ]);
  });

  it('returns a section to the defaults on reset', () => {
    const rows = configKeyUsage(
      [
        update('g1', 'roles.mapping.111', 'moderator', false),
        { guild_id: 'g1', change: 'reset', section: 'roles', in_period: true },
      ],
      new Set(['g1']),
      defaults,
    );
    expect(rows).toEqual([]);
  });

  it('groups role mappings together', () => {
    expect(keyGroup('roles.mapping.123456789012345678')).toBe('roles.mapping.*');
    expect(keyGroup('roles.default')).toBe('roles.default');
  });
});
