import { describe, expect, it } from '@jest/globals';
import type { DiscordCommandPayload } from './command-definition.js';
import { checkCommandRules } from './definition-rules.js';

const text = { type: 3, description: 'Some text' } as const;

function command(overrides: Partial<DiscordCommandPayload> = {}): DiscordCommandPayload {
  return {
    type: 1,
    name: 'kaltura-demo',
    description: 'A demo command',
    options: [{ ...text, name: 'first', required: true }],
    default_member_permissions: null,
    contexts: [0],
    integration_types: [0],
    ...overrides,
  };
}

describe('checkCommandRules', () => {
  it('accepts a well-formed command, unicode letters included', () => {
    expect(checkCommandRules([command(), command({ name: 'réunion' })])).toEqual([]);
  });

  it.each([
    ['an upper-case name', { name: 'Kaltura-Start' }, 'must be lowercase'],
    ['a name longer than 32 characters', { name: 'k'.repeat(33) }, 'must match'],
    ['a name with a space', { name: 'kaltura start' }, 'must match'],
    ['an empty description', { description: '' }, 'description must be 1-100'],
    [
      'a description over 100 characters',
      { description: 'd'.repeat(101) },
      'description must be 1-100',
    ],
    [
      'a required option after an optional one',
      {
        options: [
          { ...text, name: 'a' },
          { ...text, name: 'b', required: true },
        ],
      },
      'required options must come before optional ones',
    ],
    [
      'more than 25 options',
      { options: Array.from({ length: 26 }, (_, i) => ({ ...text, name: `o${i}` })) },
      'more than 25 options',
    ],
    [
      'more than 25 choices',
      {
        options: [
          {
            ...text,
            name: 'pick',
            choices: Array.from({ length: 26 }, (_, i) => ({ name: `C${i}`, value: `c${i}` })),
          },
        ],
      },
      'more than 25 choices',
    ],
    [
      'choices on an autocomplete option',
      {
        options: [
          { ...text, name: 'pick', autocomplete: true, choices: [{ name: 'A', value: 'a' }] },
        ],
      },
      'autocomplete with choices',
    ],
    [
      'an upper-case option name',
      { options: [{ ...text, name: 'Meeting' }] },
      'option Meeting: name "Meeting" must be lowercase',
    ],
    [
      'a crossed integer range',
      { options: [{ type: 4, name: 'n', description: 'n', min_value: 10, max_value: 1 }] },
      'min_value above max_value',
    ],
  ] as const)('reports %s', (_, overrides, problem) => {
    const problems = checkCommandRules([command(overrides as Partial<DiscordCommandPayload>)]);
    expect(problems.join('\n')).toContain(problem);
  });

  it('checks the options of sub-commands too, localized names included', () => {
    const sub = (options: DiscordCommandPayload['options']) =>
      command({ options: [{ type: 1, name: 'sub', description: 'A sub-command', options }] });
    expect(checkCommandRules([sub([{ ...text, name: 'first', required: true }])])).toEqual([]);
    expect(checkCommandRules([sub([{ ...text, name: 'Upper' }])]).join('\n')).toContain(
      'option sub: option Upper: name "Upper" must be lowercase',
    );
    const clash = sub([
      { ...text, name: 'a', name_localizations: { de: 'x' } },
      { ...text, name: 'b', name_localizations: { de: 'x' } },
    ]);
    expect(checkCommandRules([clash]).join('\n')).toContain('duplicate option x in de');
    const long = sub([{ ...text, name: 'a', description_localizations: { fr: 'd'.repeat(101) } }]);
    expect(checkCommandRules([long]).join('\n')).toContain('fr: description must be 1-100');
  });

  it('reports duplicate command names', () => {
    expect(checkCommandRules([command(), command()])).toContain('kaltura-demo: duplicate command');
  });
});
