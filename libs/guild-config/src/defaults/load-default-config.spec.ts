import { describe, expect, it } from '@jest/globals';
import { PermissionFlagsBits } from 'discord.js';
import { DefaultConfigError } from '../errors.js';
import { discordPermissionBits } from '../schema/discord-permissions.js';
import { loadDefaultConfig, parseDefaultConfig } from './load-default-config.js';

function rejection(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('config/default_config.json', () => {
  it('is found from the library and matches the schema', () => {
    const defaults = loadDefaultConfig();
    expect(defaults.roles).toEqual({
      mapping: {},
      default: 'viewerRole',
      moderator_permissions: ['ManageGuild', 'ManageEvents'],
    });
    expect(defaults.commands.permissions['kaltura-config-update']).toEqual(['ManageGuild']);
    expect(Object.isFrozen(defaults.notifications.templates)).toBe(true);
  });

  it('is rejected with every problem listed when it does not match', () => {
    const broken = structuredClone(loadDefaultConfig()) as unknown as Record<
      string,
      Record<string, unknown>
    >;
    broken.features!.teleport = true;
    broken.roles!.default = 'ownerRole';
    const error = rejection(() => parseDefaultConfig(broken, 'broken.json'));
    expect(error).toBeInstanceOf(DefaultConfigError);
    expect((error as DefaultConfigError).problems).toHaveLength(2);
  });
});

describe('discordPermissionBits', () => {
  it('has the same bit as discord.js for every permission name it knows', () => {
    for (const [name, bit] of Object.entries(discordPermissionBits))
      expect([name, bit]).toEqual([
        name,
        PermissionFlagsBits[name as keyof typeof PermissionFlagsBits],
      ]);
  });
});
