import { describe, expect, it } from '@jest/globals';
import { channel, defaults, reset, roleA, roleB, updated } from './config-test-kit.js';
import { effectiveConfig } from './effective-config.js';
import { emptyOverrides, evolveConfig, foldConfigEvents } from './overrides.js';

describe('evolveConfig', () => {
  it('sets a dotted key and replaces an earlier value of the same key', () => {
    const overrides = foldConfigEvents([
      updated('features.webinars', false),
      updated('notifications.templates.meeting_end', 'Bye {{title}}'),
      updated('notifications.templates.meeting_end', 'Done: {{title}}'),
    ]);
    expect(overrides).toEqual({
      'features.webinars': false,
      'notifications.templates.meeting_end': 'Done: {{title}}',
    });
  });

  it('removes a key whose new value is null', () => {
    const overrides = foldConfigEvents([
      updated(`roles.mapping.${roleA}`, 'adminRole'),
      updated(`roles.mapping.${roleB}`, 'viewerRole'),
      updated(`roles.mapping.${roleA}`, null, 'adminRole'),
    ]);
    expect(overrides).toEqual({ [`roles.mapping.${roleB}`]: 'viewerRole' });
  });

  it('resets one section and keeps the others', () => {
    const before = foldConfigEvents([
      updated('notifications.enabled', false),
      updated(`roles.mapping.${roleA}`, 'adminRole'),
      updated('roles.default', 'adminRole'),
    ]);
    expect(evolveConfig(before, reset('roles'))).toEqual({ 'notifications.enabled': false });
  });

  it('resets every section with "all"', () => {
    const before = foldConfigEvents([updated('notifications.enabled', false)]);
    expect(evolveConfig(before, reset('all'))).toEqual(emptyOverrides);
  });

  it('ignores events that are not config events when folding', () => {
    expect(
      foldConfigEvents([{ type: 'guild.installed' }, updated('features.recordings', false)]),
    ).toEqual({ 'features.recordings': false });
  });
});

describe('effectiveConfig', () => {
  it('lays overrides over the defaults and leaves everything else at its default', () => {
    const effective = effectiveConfig(defaults, {
      'notifications.channels.meeting_start': channel,
      [`roles.mapping.${roleA}`]: 'adminRole',
      'commands.permissions.kaltura-start': ['ManageEvents'],
    });
    expect(effective.notifications.channels.meeting_start).toBe(channel);
    expect(effective.notifications.channels.meeting_end).toBe('default');
    expect(effective.roles.mapping).toEqual({ [roleA]: 'adminRole' });
    expect(effective.commands.permissions['kaltura-start']).toEqual(['ManageEvents']);
    expect(effective.commands.permissions['kaltura-list']).toEqual(['everyone']);
  });

  it('returns a frozen copy and never changes the defaults', () => {
    const effective = effectiveConfig(defaults, { 'features.webinars': false });
    expect(Object.isFrozen(effective.features)).toBe(true);
    expect(defaults.features.webinars).toBe(true);
  });

  it('ignores an override the current schema no longer accepts', () => {
    const effective = effectiveConfig(defaults, {
      'notifications.types.meeting_cancelled': true,
      'features.recordings': 'yes',
    });
    expect(effective).toEqual(defaults);
  });
});
