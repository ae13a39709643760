import { describe, expect, it } from '@jest/globals';
import { testDefaults } from '../testing/analytics-fixtures.js';
import {
  applyConfigReset,
  applyConfigUpdate,
  flattenDefaults,
  overriddenKeys,
} from './config-state.js';
import { overrideKinds } from './override-kinds.js';

const defaults = flattenDefaults(testDefaults);
const fresh = () => new Map(defaults);

describe('dotted-key configuration state', () => {
  it('flattens objects to leaves; arrays are leaves; null and {} are absent', () => {
    expect(defaults.get('notifications.enabled')).toBe('true');
    expect(defaults.get('commands.permissions.kaltura-config-update')).toBe('["ADMINISTRATOR"]');
    expect([...defaults.keys()].some((k) => k.startsWith('roles.mapping'))).toBe(false);
    expect(defaults.has('notifications.channels')).toBe(false);
  });

  it('sees an override only while the value differs from the default', () => {
    const config = fresh();
    applyConfigUpdate(config, 'notifications.enabled', false);
    expect(overriddenKeys(config, defaults)).toEqual(['notifications.enabled']);
    applyConfigUpdate(config, 'notifications.enabled', true);
    expect(overriddenKeys(config, defaults)).toEqual([]);
  });

  it('removes a map entry when the new value is null', () => {
    const config = fresh();
    applyConfigUpdate(config, 'roles.mapping.123456789012345678', 'moderator');
    expect(overriddenKeys(config, defaults)).toEqual(['roles.mapping.123456789012345678']);
    applyConfigUpdate(config, 'roles.mapping.123456789012345678', null);
    expect(overriddenKeys(config, defaults)).toEqual([]);
  });

  it('counts removing a default entry as an override', () => {
    const config = fresh();
    applyConfigUpdate(config, 'notifications.templates.meeting_start', null);
    expect(overriddenKeys(config, defaults)).toEqual(['notifications.templates.meeting_start']);
  });

  it('replaces everything under a key set to an object', () => {
    const config = fresh();
    applyConfigUpdate(config, 'notifications.templates', { meeting_end: 'Bye' });
    expect(overriddenKeys(config, defaults)).toEqual([
      'notifications.templates.meeting_end',
      'notifications.templates.meeting_start',
    ]);
  });

  it('returns one section to defaults on reset and leaves the others', () => {
    const config = fresh();
    applyConfigUpdate(config, 'notifications.types.meeting_end', false);
    applyConfigUpdate(config, 'features.video_search', false);
    applyConfigReset(config, 'notifications', defaults);
    expect(overriddenKeys(config, defaults)).toEqual(['features.video_search']);
    applyConfigReset(config, 'all', defaults);
    expect(overriddenKeys(config, defaults)).toEqual([]);
  });

  it('classifies overridden keys by DESIGN §4 families', () => {
    expect(overrideKinds([])).toEqual({
      any: false,
      template: false,
      roleMapping: false,
      notification: false,
    });
    expect(overrideKinds(['roles.default'])).toEqual({
      any: true,
      template: false,
      roleMapping: false,
      notification: false,
    });
    expect(overrideKinds(['notifications.templates.x', 'roles.mapping.1'])).toMatchObject({
      template: true,
      roleMapping: true,
      notification: false,
    });
    for (const key of [
      'notifications.enabled',
      'notifications.types.a',
      'notifications.channels.b',
    ]) {
      expect(overrideKinds([key]).notification).toBe(true);
    }
  });
});
