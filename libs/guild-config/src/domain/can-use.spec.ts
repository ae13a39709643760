import { describe, expect, it } from '@jest/globals';
import { discordPermissionBits as bits } from '../schema/discord-permissions.js';
import { canUse } from './can-use.js';
import { defaults, roleA } from './config-test-kit.js';
import { effectiveConfig } from './effective-config.js';

const member = (permissions: bigint, roles: string[] = []) => ({
  roles,
  permissions: permissions.toString(),
});
const plain = member(bits.SendMessages | bits.ViewChannel);

describe('canUse', () => {
  it('lets everyone use a command open to "everyone"', () => {
    expect(canUse(defaults, 'kaltura-join', plain)).toEqual({ allowed: true, via: 'everyone' });
  });

  it('denies a member without the required permission, naming what is needed', () => {
    const decision = canUse(defaults, 'kaltura-config-update', plain);
    expect(decision).toMatchObject({
      allowed: false,
      code: 'PERMISSION.DENIED',
      reason: 'missing_permission',
      required: ['ManageGuild'],
    });
    expect(decision.allowed ? '' : decision.message).toContain('the ManageGuild permission');
  });

  it('allows ManageGuild (bit 5) and ManageEvents (bit 33) where listed', () => {
    expect(canUse(defaults, 'kaltura-stats', member(1n << 5n))).toEqual({
      allowed: true,
      via: 'permission',
    });
    expect(canUse(defaults, 'kaltura-end', member(1n << 33n))).toEqual({
      allowed: true,
      via: 'permission',
    });
    expect(canUse(defaults, 'kaltura-stats', member(1n << 33n)).allowed).toBe(false);
  });

  it('always allows Administrator (bit 3), even where no permission is listed', () => {
    const config = effectiveConfig(defaults, { 'commands.permissions.kaltura-stats': [roleA] });
    expect(canUse(config, 'kaltura-stats', member(1n << 3n))).toEqual({
      allowed: true,
      via: 'administrator',
    });
  });

  it('allows a member holding a listed role', () => {
    const config = effectiveConfig(defaults, { 'commands.permissions.kaltura-start': [roleA] });
    expect(canUse(config, 'kaltura-start', member(0n, [roleA]))).toEqual({
      allowed: true,
      via: 'role',
    });
    expect(canUse(config, 'kaltura-start', plain)).toMatchObject({
      allowed: false,
      required: [roleA],
    });
  });

  it('denies a disabled command to everyone, Administrator included', () => {
    const config = effectiveConfig(defaults, { 'commands.enabled.kaltura-start': false });
    expect(canUse(config, 'kaltura-start', member(bits.Administrator))).toMatchObject({
      allowed: false,
      reason: 'command_disabled',
    });
  });

  it('denies video search while the video_search feature is off', () => {
    const config = effectiveConfig(defaults, { 'features.video_search': false });
    expect(canUse(config, 'kaltura-video-search', plain)).toMatchObject({
      allowed: false,
      reason: 'feature_disabled',
    });
  });
});
