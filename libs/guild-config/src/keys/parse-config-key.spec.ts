import { describe, expect, it } from '@jest/globals';
import { ConfigUnknownKeyError, ConfigUnknownSectionError } from '../errors.js';
import { parseConfigKey, parseDottedKey } from './parse-config-key.js';

const roleId = '223456789012345678';

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('parseConfigKey', () => {
  it('accepts a key relative to its section and returns the full dotted key', () => {
    expect(parseConfigKey('notifications', 'templates.meeting_start')).toMatchObject({
      key: 'notifications.templates.meeting_start',
      section: 'notifications',
      leaf: { kind: 'template' },
    });
  });

  it('accepts a key already given in full, in any case and with stray spaces', () => {
    expect(parseConfigKey(' Commands ', 'commands.enabled.KALTURA-START ').key).toBe(
      'commands.enabled.kaltura-start',
    );
  });

  it('accepts a role mapping given as a role id or as a role mention', () => {
    expect(parseConfigKey('roles', `mapping.${roleId}`).leaf).toMatchObject({
      kind: 'kaltura_role',
      entry: true,
    });
    expect(parseConfigKey('roles', `mapping.<@&${roleId}>`).key).toBe(`roles.mapping.${roleId}`);
  });

  it('rejects an unknown section with CONFIG.UNKNOWN_SECTION and the nearest section', () => {
    const error = thrown(() => parseConfigKey('notifcations', 'enabled'));
    expect(error).toBeInstanceOf(ConfigUnknownSectionError);
    expect(error).toMatchObject({
      code: 'CONFIG.UNKNOWN_SECTION',
      category: 'validation',
      suggestions: ['notifications'],
    });
  });

  it('rejects an unknown key with CONFIG.UNKNOWN_KEY and suggests the nearest known keys', () => {
    const error = thrown(() => parseConfigKey('notifications', 'templates.meeting_strat'));
    expect(error).toBeInstanceOf(ConfigUnknownKeyError);
    expect(error).toMatchObject({ code: 'CONFIG.UNKNOWN_KEY', category: 'validation' });
    const { suggestions, message } = error as ConfigUnknownKeyError;
    expect(suggestions[0]).toBe('notifications.templates.meeting_start');
    expect(message).toContain('Did you mean: notifications.templates.meeting_start');
  });

  it('suggests the keys of a group when a group is named instead of a key', () => {
    const error = thrown(() => parseDottedKey('features')) as ConfigUnknownKeyError;
    expect(error.code).toBe('CONFIG.UNKNOWN_KEY');
    expect(error.suggestions).toEqual([
      'features.video_search',
      'features.recordings',
      'features.webinars',
      'features.classrooms',
    ]);
  });

  it('rejects a role mapping whose last part is not a role id', () => {
    const error = thrown(() => parseDottedKey('roles.mapping.moderators')) as ConfigUnknownKeyError;
    expect(error.code).toBe('CONFIG.UNKNOWN_KEY');
    expect(error.suggestions).toEqual(['roles.mapping.<roleId>']);
  });

  it('does not accept "all" as a section to update', () => {
    expect(() => parseDottedKey('all.enabled')).toThrow(ConfigUnknownSectionError);
  });
});
