import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { configSections, meetingTypes } from '@kd/events';
import { commandNames, configUpdateSections, notificationKinds } from '@kd/guild-config';
import { ownTranslation } from '@kd/i18n';
import { normalizeCommand } from '../registration/normalize-command.js';
import { toDiscordPayload } from './command-definition.js';
import { checkCommandRules } from './definition-rules.js';
import { commandDefinitions, findCommand, type OptionsOf } from './command-set.js';

const payloads = commandDefinitions.map(toDiscordPayload);
const discordLocales = ['de', 'es-ES', 'es-419', 'fr', 'pt-BR'] as const;
const choicesOf = (command: string, option: string) =>
  payloads
    .find((p) => p.name === command)
    ?.options.find((o) => o.name === option)
    ?.choices?.map((c) => c.value);

/**
 * What Discord sees of each command, hashed. A change here must come with a version bump
 * (it is recorded in command.executed.commandVersion); then update both numbers.
 */
const registered: Record<string, [version: number, fingerprint: string]> = {
  'kaltura-forget-me': [1, '9e37c7206907'],
  'kaltura-start': [1, 'e70f72a68832'],
  'kaltura-join': [1, '4f00cdd7caa5'],
  'kaltura-list': [1, 'd3cc6bc47658'],
  'kaltura-end': [1, '901b785a396e'],
  'kaltura-video-search': [1, 'e9e5aa165f98'],
  'kaltura-config-view': [2, '1eb6f8cdf61e'],
  'kaltura-config-update': [4, '4bd13ef2dbbb'],
  'kaltura-config-reset': [3, 'b8e5a45aabc0'],
  'kaltura-stats': [1, '56e817988e8f'],
  'kaltura-schedule': [1, '65633e8c9b86'],
  'kaltura-cancel': [1, '08c577fdac16'],
};

describe('command definitions', () => {
  it("follow Discord's rules for names, descriptions, options and choices", () => {
    expect(checkCommandRules(payloads)).toEqual([]);
  });

  it('are the commands the guild configuration knows, with its sections and meeting types', () => {
    // /kaltura-forget-me is not configurable: a guild cannot keep a member from being forgotten.
    const configurable = payloads.map((p) => p.name).filter((n) => n !== 'kaltura-forget-me');
    expect(configurable.sort()).toEqual([...commandNames].sort());
    expect(choicesOf('kaltura-config-view', 'section')).toEqual([...configUpdateSections]);
    const update = payloads.find((p) => p.name === 'kaltura-config-update');
    const kinds = update?.options.find((o) => o.name === 'channel')?.options?.[0]?.choices;
    expect(kinds?.map((c) => c.value)).toEqual([...notificationKinds]);
    expect(choicesOf('kaltura-config-reset', 'section')?.sort()).toEqual(
      [...configSections].sort(),
    );
    expect(choicesOf('kaltura-start', 'type')).toEqual([...meetingTypes]);
  });

  it('are localized everywhere: English equals the definition, every other locale has its own', () => {
    type Item = { name: string; description?: string; value?: string };
    type Node = Item & {
      name_localizations?: Record<string, string | null>;
      description_localizations?: Record<string, string | null>;
      options?: Node[];
      choices?: (Item & { name_localizations?: Record<string, string | null> })[];
    };
    const missing: string[] = [];
    const english: [string, string | undefined, string][] = [];
    const visit = (key: string, node: Node) => {
      english.push([`${key}.name`, ownTranslation('en-US', `commands.${key}.name`), node.name]);
      english.push([
        `${key}.description`,
        ownTranslation('en-US', `commands.${key}.description`),
        node.description ?? '',
      ]);
      for (const locale of discordLocales) {
        if (!node.name_localizations?.[locale]) missing.push(`${key}.name ${locale}`);
        if (!node.description_localizations?.[locale]) missing.push(`${key}.description ${locale}`);
      }
      for (const choice of node.choices ?? []) {
        const choiceKey = `${key}.choices.${choice.value}`;
        english.push([choiceKey, ownTranslation('en-US', `commands.${choiceKey}`), choice.name]);
        for (const locale of discordLocales)
          if (!choice.name_localizations?.[locale]) missing.push(`${choiceKey} ${locale}`);
      }
      for (const option of node.options ?? []) visit(`${key}.options.${option.name}`, option);
    };
    for (const payload of payloads) visit(payload.name, payload);
    expect(missing).toEqual([]);
    expect(english.filter(([, catalog, definition]) => catalog !== definition)).toEqual([]);
  });

  it('change only together with a version bump', () => {
    const actual = Object.fromEntries(
      commandDefinitions.map((d) => {
        const normalized = JSON.stringify(normalizeCommand(toDiscordPayload(d)));
        const hash = createHash('sha256').update(normalized).digest('hex').slice(0, 12);
        return [d.name, [d.version, hash]];
      }),
    );
    expect(actual).toEqual(registered);
  });

  it('are guild-only, admin commands default to Manage Server, Kaltura-bound ones defer', () => {
    for (const payload of payloads) expect(payload.contexts).toEqual([0]);
    const admin = payloads.filter((p) => p.default_member_permissions === '32').map((p) => p.name);
    expect(admin).toEqual([
      'kaltura-config-view',
      'kaltura-config-update',
      'kaltura-config-reset',
      'kaltura-stats',
    ]);
    const deferred = commandDefinitions.filter((d) => d.deferred).map((d) => d.name);
    expect(deferred).toEqual([
      'kaltura-start',
      'kaltura-join',
      'kaltura-end',
      'kaltura-video-search',
      'kaltura-stats',
      'kaltura-forget-me',
      'kaltura-schedule',
      'kaltura-cancel',
    ]);
    // Run again on a redelivery rather than reserved: they change nothing.
    const readOnly = commandDefinitions.filter((d) => d.readOnly).map((d) => d.name);
    expect(readOnly).toEqual(['kaltura-list', 'kaltura-video-search', 'kaltura-config-view']);
  });
});

describe('command option schemas', () => {
  const parse = (name: string, options: Record<string, unknown>) =>
    findCommand(name)!.optionsSchema.safeParse(options);

  it('type the options a handler receives', () => {
    const start: OptionsOf<'kaltura-start'> = { type: 'webinar', title: 'Sync' };
    const search: OptionsOf<'kaltura-video-search'> = { query: 'intro', limit: 3 };
    const reset: OptionsOf<'kaltura-config-reset'> = { section: 'all' };
    const update: OptionsOf<'kaltura-config-update'> = {
      subcommand: 'switch',
      key: 'features.recordings',
      value: false,
    };
    expect(parse('kaltura-config-update', update).success).toBe(true);
    expect(parse('kaltura-start', start).success).toBe(true);
    expect(parse('kaltura-video-search', search).success).toBe(true);
    expect(parse('kaltura-config-reset', reset).success).toBe(true);
  });

  it('offer typed sub-commands: channel and role pickers, booleans, autocompleted keys', () => {
    const update = payloads.find((p) => p.name === 'kaltura-config-update');
    const sub = (name: string) => update?.options.find((o) => o.name === name);
    expect(update?.options.map((o) => [o.name, o.type])).toEqual([
      ['channel', 1],
      ['role', 1],
      ['switch', 1],
      ['general', 1],
      ['template', 1],
      ['set', 1],
    ]);
    const channel = sub('channel')?.options?.find((o) => o.name === 'channel');
    expect(channel).toEqual(expect.objectContaining({ type: 7, channel_types: [0, 5] }));
    expect(channel?.required).toBeUndefined();
    expect(sub('role')?.options?.map((o) => o.type)).toEqual([8, 3]);
    expect(sub('switch')?.options).toEqual([
      expect.objectContaining({ name: 'key', type: 3, autocomplete: true, required: true }),
      expect.objectContaining({ name: 'value', type: 5, required: true }),
    ]);
    expect(sub('general')?.options?.map((o) => [o.name, o.type])).toEqual([
      ['timezone', 3],
      ['locale', 3],
      ['reminder_minutes', 4],
    ]);
  });

  it('trim text and leave optional options out', () => {
    expect(parse('kaltura-start', { type: 'meeting', title: '  Sync  ' })).toEqual({
      success: true,
      data: { type: 'meeting', title: 'Sync' },
    });
  });

  it.each([
    ['kaltura-start', { type: 'party', title: 'x' }, 'type'],
    ['kaltura-start', { type: 'meeting', title: '   ' }, 'title'],
    ['kaltura-start', { type: 'meeting', title: 'x'.repeat(101) }, 'title'],
    ['kaltura-start', { type: 'meeting' }, 'title'],
    ['kaltura-video-search', { query: 'a', limit: 11 }, 'limit'],
    ['kaltura-video-search', { query: 'a', limit: 2.5 }, 'limit'],
    ['kaltura-config-reset', { section: 'everything' }, 'section'],
    [
      'kaltura-config-update',
      { subcommand: 'channel', kind: 'meeting_start', channel: '#general' },
      'channel',
    ],
    [
      'kaltura-config-update',
      { subcommand: 'switch', key: 'features.recordings', value: 'yes' },
      'value',
    ],
    ['kaltura-config-update', { subcommand: 'role', role: '123', kaltura_role: 'none' }, 'role'],
    [
      'kaltura-config-update',
      { subcommand: 'general', reminder_minutes: 1441 },
      'reminder_minutes',
    ],
  ])('refuse bad input for %s: %j', (name, options, path) => {
    const result = parse(name, options);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toContain(path);
  });
});
