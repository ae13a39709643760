import { describe, expect, it } from '@jest/globals';
import { changesOf, type KeyedUpdate } from './option-changes.js';

const role = '223456789012345678';
const channel = '123456789012345678';

describe('typed sub-commands → configuration keys', () => {
  it.each<[string, KeyedUpdate, { key: string; value: unknown }[]]>([
    [
      'a channel for a kind',
      { subcommand: 'channel', kind: 'meeting_end', channel },
      [{ key: 'notifications.channels.meeting_end', value: channel }],
    ],
    [
      'no channel: where the meeting started',
      { subcommand: 'channel', kind: 'meeting_start' },
      [{ key: 'notifications.channels.meeting_start', value: 'default' }],
    ],
    [
      'a role mapping',
      { subcommand: 'role', role, kaltura_role: 'adminRole' },
      [{ key: `roles.mapping.${role}`, value: 'adminRole' }],
    ],
    [
      'a role mapping removed',
      { subcommand: 'role', role, kaltura_role: 'none' },
      [{ key: `roles.mapping.${role}`, value: null }],
    ],
    [
      'a switch',
      { subcommand: 'switch', key: 'notifications.types.participant_join', value: true },
      [{ key: 'notifications.types.participant_join', value: true }],
    ],
    [
      'general settings together',
      { subcommand: 'general', timezone: 'Europe/Berlin', locale: 'de', reminder_minutes: 30 },
      [
        { key: 'general.timezone', value: 'Europe/Berlin' },
        { key: 'general.locale', value: 'de' },
        { key: 'notifications.reminder_minutes', value: 30 },
      ],
    ],
    [
      'any key by name',
      { subcommand: 'set', key: 'commands.permissions.kaltura-start', value: 'ManageEvents' },
      [{ key: 'commands.permissions.kaltura-start', value: 'ManageEvents' }],
    ],
  ])('maps %s', (_, options, expected) => {
    expect(changesOf(options, 'en-US')).toEqual(expected);
  });

  it('refuses a switch that is not on/off, in the asked language', () => {
    expect(() =>
      changesOf({ subcommand: 'switch', key: 'general.timezone', value: true }, 'fr'),
    ).toThrow(/general\.timezone n’est pas un paramètre activé\/désactivé/);
  });

  it('refuses general without any option', () => {
    expect(() => changesOf({ subcommand: 'general' }, 'en-US')).toThrow(
      expect.objectContaining({ code: 'COMMAND.INVALID_OPTION' }),
    );
  });

  it('checks every value before any is written: one bad time zone refuses all', () => {
    expect(() =>
      changesOf({ subcommand: 'general', locale: 'de', timezone: 'Mars/Olympus' }, 'en-US'),
    ).toThrow(expect.objectContaining({ code: 'CONFIG.INVALID_VALUE' }));
  });

  it('keeps the catalog’s own errors for an unknown key', () => {
    expect(() =>
      changesOf({ subcommand: 'set', key: 'notifications.colour', value: 'blue' }, 'en-US'),
    ).toThrow(expect.objectContaining({ code: 'CONFIG.UNKNOWN_KEY' }));
  });
});
