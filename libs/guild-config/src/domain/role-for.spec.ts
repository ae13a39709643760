import { describe, expect, it } from '@jest/globals';
import { discordPermissionBits as bits } from '../schema/discord-permissions.js';
import { defaults, roleA, roleB } from './config-test-kit.js';
import { effectiveConfig } from './effective-config.js';
import { roleFor } from './role-for.js';

const perms = (...values: bigint[]) => values.reduce((a, b) => a | b, 0n).toString();
const mapped = effectiveConfig(defaults, {
  [`roles.mapping.${roleA}`]: 'adminRole',
  [`roles.mapping.${roleB}`]: 'viewerRole',
});

describe('roleFor', () => {
  it('gives a member without mapped roles or moderator permissions the default role', () => {
    expect(roleFor(defaults, [], perms(bits.SendMessages, bits.ViewChannel))).toBe('viewerRole');
    expect(roleFor(effectiveConfig(defaults, { 'roles.default': 'adminRole' }), [], '0')).toBe(
      'adminRole',
    );
  });

  it('makes Administrator an adminRole whatever the mapping says', () => {
    expect(roleFor(mapped, [roleB], perms(bits.Administrator))).toBe('adminRole');
  });

  it('makes a member with one of the moderator permissions an adminRole, also above bit 31', () => {
    expect(roleFor(defaults, [], perms(bits.ManageGuild))).toBe('adminRole');
    expect(roleFor(defaults, [], perms(bits.ManageEvents))).toBe('adminRole');
    expect(roleFor(defaults, [], perms(bits.ManageChannels))).toBe('viewerRole');
  });

  it('follows the role mapping, the highest mapped role winning', () => {
    expect(roleFor(mapped, [roleB], '0')).toBe('viewerRole');
    expect(roleFor(mapped, [roleB, roleA], '0')).toBe('adminRole');
  });

  it('lets an explicit viewer mapping win over an adminRole default', () => {
    const config = effectiveConfig(defaults, {
      'roles.default': 'adminRole',
      [`roles.mapping.${roleB}`]: 'viewerRole',
    });
    expect(roleFor(config, [roleB], '0')).toBe('viewerRole');
  });

  it('treats a malformed or missing permission bitfield as no permissions', () => {
    expect(roleFor(defaults, [], 'not-a-number')).toBe('viewerRole');
    expect(roleFor(defaults, [], undefined)).toBe('viewerRole');
  });
});
