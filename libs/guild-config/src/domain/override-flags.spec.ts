import { describe, expect, it } from '@jest/globals';
import { channel, defaults, roleA, updated } from './config-test-kit.js';
import { effectiveConfig } from './effective-config.js';
import { foldConfigEvents, type ConfigEvent } from './overrides.js';
import { changedKeys, overrideFlags } from './override-flags.js';

const flagsAfter = (...events: ConfigEvent[]) =>
  overrideFlags(defaults, effectiveConfig(defaults, foldConfigEvents(events)));

const none = {
  hasOverride: false,
  hasTemplateOverride: false,
  hasRoleMappingOverride: false,
  hasNotificationOverride: false,
};

describe('overrideFlags', () => {
  it('reports nothing for the defaults', () => {
    expect(overrideFlags(defaults, defaults)).toEqual(none);
  });

  it('reports a template override', () => {
    expect(
      flagsAfter(updated('notifications.templates.recording_ready', 'Rec: {{recordingUrl}}')),
    ).toEqual({
      ...none,
      hasOverride: true,
      hasTemplateOverride: true,
    });
  });

  it('reports a role mapping override', () => {
    expect(flagsAfter(updated(`roles.mapping.${roleA}`, 'viewerRole'))).toEqual({
      ...none,
      hasOverride: true,
      hasRoleMappingOverride: true,
    });
  });

  it.each([
    ['notifications.enabled', false],
    ['notifications.types.participant_join', true],
    ['notifications.channels.recording_ready', channel],
  ])('reports a notification override for %s', (key, value) => {
    expect(flagsAfter(updated(key, value))).toEqual({
      ...none,
      hasOverride: true,
      hasNotificationOverride: true,
    });
  });

  it('counts roles.default and commands as overrides but not as role mapping or notification ones', () => {
    expect(
      flagsAfter(
        updated('roles.default', 'adminRole'),
        updated('commands.enabled.kaltura-stats', false),
      ),
    ).toEqual({
      ...none,
      hasOverride: true,
    });
  });

  it('reports nothing once a key is set back to its default value', () => {
    expect(
      flagsAfter(
        updated('notifications.types.meeting_end', false),
        updated('notifications.types.meeting_end', true),
      ),
    ).toEqual(none);
  });

  it('lists the changed keys, sorted', () => {
    const effective = effectiveConfig(defaults, {
      'features.webinars': false,
      [`roles.mapping.${roleA}`]: 'adminRole',
    });
    expect(changedKeys(defaults, effective)).toEqual([
      'features.webinars',
      `roles.mapping.${roleA}`,
    ]);
  });
});
