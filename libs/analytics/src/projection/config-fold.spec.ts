import { describe, expect, it } from '@jest/globals';
import {
  flattenDefaults,
  generateHistory,
  overrideKinds,
  applyConfigReset,
  applyConfigUpdate,
  overriddenKeys as oracleOverriddenKeys,
  syntheticDefaultConfig,
  type FlatConfig as OracleConfig,
} from '@kd/analytics-oracle';
import {
  applyConfigChange as applyChange,
  canonicalConfigJson as canonical,
  overrideFlagsAfterEach as flagsAfterEach,
  flattenConfig as flatten,
  overriddenConfigKeys as overriddenKeys,
  overrideFlagsOfKeys as overrideFlags,
  type FlatConfigChange as ConfigChange,
} from '@kd/guild-config';
import { analyticsVersion } from './analytics.projection.js';

const defaults = flatten({
  notifications: {
    enabled: true,
    types: { start: true },
    templates: { start: 'Hi' },
    channels: {},
  },
  roles: { mapping: {}, default: 'viewer' },
  commands: { permissions: { end: ['ManageGuild', 'ManageEvents'] } },
});
const keysAfter = (...changes: ConfigChange[]) =>
  overriddenKeys(
    changes.reduce((config, change) => applyChange(config, change, defaults), defaults),
    defaults,
  ).sort();
const updated = (key: string, newValue: unknown): ConfigChange => ({
  change: 'updated',
  key,
  newValue,
});
const reset = (section: string): ConfigChange => ({ change: 'reset', section });

describe('config fold (docs/analytics-rules.md §3)', () => {
  it('flattens objects into dotted leaves; arrays are leaves; null and {} give nothing', () => {
    expect([...defaults.keys()].sort()).toEqual([
      'commands.permissions.end',
      'notifications.enabled',
      'notifications.templates.start',
      'notifications.types.start',
      'roles.default',
    ]);
    expect(canonical({ b: [1, { d: 1, c: 2 }], a: null })).toBe('{"a":null,"b":[1,{"c":2,"d":1}]}');
  });

  it('does not count a value set back to its default, nor a null where there is no default', () => {
    expect(keysAfter(updated('roles.default', 'host'), updated('roles.default', 'viewer'))).toEqual(
      [],
    );
    expect(keysAfter(updated('roles.mapping.123', null))).toEqual([]);
  });

  it('counts removing a default entry, and compares values as typed JSON', () => {
    expect(keysAfter(updated('notifications.templates.start', null))).toEqual([
      'notifications.templates.start',
    ]);
    expect(keysAfter(updated('notifications.enabled', 'true'))).toEqual(['notifications.enabled']);
    expect(keysAfter(updated('commands.permissions.end', ['ManageEvents', 'ManageGuild']))).toEqual(
      ['commands.permissions.end'],
    );
  });

  it('replaces everything under an updated key, and resets a section or everything', () => {
    expect(keysAfter(updated('notifications', { enabled: true }))).toEqual([
      'notifications.templates.start',
      'notifications.types.start',
    ]);
    const custom = [updated('roles.mapping.1', 'host'), updated('notifications.enabled', false)];
    expect(keysAfter(...custom, reset('roles'))).toEqual(['notifications.enabled']);
    expect(keysAfter(...custom, reset('all'))).toEqual([]);
  });

  it('sorts overridden keys into the families of DESIGN §4', () => {
    expect(overrideFlags(['notifications.enabled'])).toEqual({
      hasOverride: true,
      hasTemplateOverride: false,
      hasRoleMappingOverride: false,
      hasNotificationOverride: true,
    });
    expect(overrideFlags(['roles.default'])).toMatchObject({ hasOverride: true });
    expect(
      overrideFlags(['roles.mapping.1', 'notifications.templates.x', 'notifications.channels.y']),
    ).toEqual({
      hasOverride: true,
      hasTemplateOverride: true,
      hasRoleMappingOverride: true,
      hasNotificationOverride: true,
    });
  });

  it('agrees with the oracle on every guild of a generated history', () => {
    const now = new Date('2026-03-18T12:00:00.000Z');
    const { events } = generateHistory({ seed: 5, guilds: 60, days: 90, now, hostile: false });
    const ours = flatten(syntheticDefaultConfig);
    const theirs = flattenDefaults(syntheticDefaultConfig);
    const perGuild = new Map<string, ConfigChange[]>();
    const oracle = new Map<string, OracleConfig>();
    for (const e of events) {
      if (e.guildId === null || (e.type !== 'config.updated' && e.type !== 'config.reset'))
        continue;
      const config = oracle.get(e.guildId) ?? new Map(theirs);
      const changes = perGuild.get(e.guildId) ?? [];
      if (e.type === 'config.updated') {
        applyConfigUpdate(config, e.payload.key, e.payload.newValue);
        changes.push(updated(e.payload.key, e.payload.newValue));
      } else {
        applyConfigReset(config, e.payload.section, theirs);
        changes.push(reset(e.payload.section));
      }
      oracle.set(e.guildId, config);
      perGuild.set(e.guildId, changes);
    }
    expect(perGuild.size).toBeGreaterThan(20);
    for (const [guildId, changes] of perGuild) {
      const kinds = overrideKinds(oracleOverriddenKeys(oracle.get(guildId)!, theirs));
      expect(flagsAfterEach(changes, ours).at(-1)).toEqual({
        hasOverride: kinds.any,
        hasTemplateOverride: kinds.template,
        hasRoleMappingOverride: kinds.roleMapping,
        hasNotificationOverride: kinds.notification,
      });
    }
  });
});

describe('analyticsVersion', () => {
  it('changes with the defaults, not with their key order, and fits an integer column', () => {
    const base = analyticsVersion(flatten({ a: 1, b: { c: 'x' } }));
    expect(analyticsVersion(flatten({ b: { c: 'x' }, a: 1 }))).toBe(base);
    expect(analyticsVersion(flatten({ a: 1, b: { c: 'y' } }))).not.toBe(base);
    expect(analyticsVersion(flatten({ a: 1 }))).not.toBe(base);
    expect(base).toBeGreaterThanOrEqual(2 ** 20);
    expect(base).toBeLessThan(2 ** 31);
  });
});
