import { describe, expect, it } from '@jest/globals';
import { toDiscordPayload } from '../commands/command-definition.js';
import { kalturaStart, kalturaVideoSearch } from '../commands/meeting-commands.js';
import { sameCommands, type RemoteCommand } from './normalize-command.js';

const ours = [kalturaStart, kalturaVideoSearch].map(toDiscordPayload);

/** What Discord returns after a PUT: ids, versions and defaults added, `required: false` gone. */
function asDiscordReturnsIt(command: ReturnType<typeof toDiscordPayload>): RemoteCommand {
  return {
    ...command,
    id: '100000000000000901',
    application_id: '100000000000000100',
    version: '100000000000000902',
    dm_permission: true,
    nsfw: false,
    description_localizations: command.description_localizations ?? null,
    options: command.options.map(({ required, ...rest }) =>
      required ? { ...rest, required } : rest,
    ),
  } as RemoteCommand;
}

describe('sameCommands', () => {
  it('treats what Discord returns for our commands as the same, in any order', () => {
    expect(sameCommands(ours.map(asDiscordReturnsIt).reverse(), ours)).toBe(true);
  });

  it.each([
    ['a changed description', (c: RemoteCommand) => ({ ...c, description: 'Old text' })],
    [
      'a changed default permission',
      (c: RemoteCommand) => ({ ...c, default_member_permissions: '8' }),
    ],
    ['a missing option', (c: RemoteCommand) => ({ ...c, options: c.options?.slice(1) })],
    [
      'a changed translation',
      (c: RemoteCommand) => ({
        ...c,
        description_localizations: { ...c.description_localizations, de: 'Alter Text' },
      }),
    ],
    [
      'a missing option translation',
      (c: RemoteCommand) => ({
        ...c,
        options: c.options?.map(({ name_localizations: _, ...o }) => o),
      }),
    ],
    [
      'a changed choice',
      (c: RemoteCommand) => ({
        ...c,
        options: c.options?.map((o) => (o.choices ? { ...o, choices: o.choices.slice(1) } : o)),
      }),
    ],
  ])('notices %s', (_, change) => {
    const remote = ours.map(asDiscordReturnsIt);
    remote[0] = change(remote[0]!);
    expect(sameCommands(remote, ours)).toBe(false);
  });

  it('sends the catalog translations, and treats null or empty maps as none', () => {
    const [start] = ours;
    expect(start?.name_localizations).toMatchObject({
      de: 'kaltura-starten',
      'es-419': 'kaltura-iniciar',
    });
    expect(start?.options[0]?.choices?.[2]?.name_localizations?.fr).toBe('Classe');
    const bare = { ...start!, name_localizations: undefined };
    expect(sameCommands([{ ...bare, name_localizations: null }], [bare])).toBe(true);
    expect(sameCommands([{ ...bare, name_localizations: {} }], [bare])).toBe(true);
  });

  it('notices an extra registered command that we no longer define', () => {
    const remote = [...ours, { ...ours[0]!, name: 'kaltura-old' }];
    expect(sameCommands(remote, ours)).toBe(false);
  });
});
