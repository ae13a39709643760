import { describe, expect, it } from '@jest/globals';
import {
  ConfigInvalidValueError,
  ConfigUnknownKeyError,
  ConfigUnknownSectionError,
} from '../errors.js';
import { defaults, roleA } from './config-test-kit.js';
import { decideReset, decideUpdate } from './decide.js';
import { emptyOverrides } from './overrides.js';

const fresh = { defaults, overrides: emptyOverrides };

describe('decideUpdate', () => {
  it('records the effective value before the change as oldValue', () => {
    expect(
      decideUpdate(fresh, {
        key: 'notifications.types.meeting_end',
        value: 'false',
        actorUserId: 'u1',
      }),
    ).toEqual({
      key: 'notifications.types.meeting_end',
      oldValue: true,
      newValue: false,
      actorUserId: 'u1',
    });
  });

  it('records null as the old value of a role mapping that did not exist', () => {
    expect(
      decideUpdate(fresh, { key: `roles.mapping.${roleA}`, value: 'adminRole', actorUserId: 'u1' }),
    ).toMatchObject({ oldValue: null, newValue: 'adminRole' });
  });

  it('decides nothing when the value equals the effective value', () => {
    expect(
      decideUpdate(fresh, { key: 'features.recordings', value: 'true', actorUserId: 'u1' }),
    ).toBeNull();
    const state = {
      defaults,
      overrides: { 'commands.permissions.kaltura-start': ['ManageEvents'] },
    };
    expect(
      decideUpdate(state, {
        key: 'commands.permissions.kaltura-start',
        value: 'ManageEvents',
        actorUserId: 'u1',
      }),
    ).toBeNull();
  });

  it('decides a removal (newValue null) only when it changes the effective value', () => {
    const state = { defaults, overrides: { [`roles.mapping.${roleA}`]: 'adminRole' } };
    expect(
      decideUpdate(state, { key: `roles.mapping.${roleA}`, value: '', actorUserId: 'u1' }),
    ).toEqual({
      key: `roles.mapping.${roleA}`,
      oldValue: 'adminRole',
      newValue: null,
      actorUserId: 'u1',
    });
    expect(
      decideUpdate(fresh, { key: `roles.mapping.${roleA}`, value: null, actorUserId: 'u1' }),
    ).toBeNull();
  });

  it('throws the typed errors of the key and value checks', () => {
    const decide = (key: string, value: unknown) => () =>
      decideUpdate(fresh, { key, value, actorUserId: 'u1' });
    expect(decide('nope.key', 'x')).toThrow(ConfigUnknownSectionError);
    expect(decide('features.video', 'true')).toThrow(ConfigUnknownKeyError);
    expect(decide('features.video_search', 'sometimes')).toThrow(ConfigInvalidValueError);
  });
});

describe('decideReset', () => {
  const customized = { defaults, overrides: { 'features.webinars': false } };

  it('resets a section that overrides something', () => {
    expect(decideReset(customized, { section: 'Features', actorUserId: 'u1' })).toEqual({
      section: 'features',
      actorUserId: 'u1',
    });
    expect(decideReset(customized, { section: 'all', actorUserId: 'u1' })).toMatchObject({
      section: 'all',
    });
  });

  it('decides nothing for a section already at its defaults', () => {
    expect(decideReset(customized, { section: 'roles', actorUserId: 'u1' })).toBeNull();
    expect(decideReset(fresh, { section: 'all', actorUserId: 'u1' })).toBeNull();
  });

  it('rejects an unknown section', () => {
    expect(() => decideReset(customized, { section: 'feature', actorUserId: 'u1' })).toThrow(
      ConfigUnknownSectionError,
    );
  });
});
