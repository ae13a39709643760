import type { LocalizationMap } from 'discord-api-types/v10';
import type { DiscordCommandPayload } from './command-definition.js';

const NAME = /^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const MAX_COMMANDS = 100;
const MAX_OPTIONS = 25;
const MAX_CHOICES = 25;
const MAX_TOTAL_CHARS = 4000;

type Option = DiscordCommandPayload['options'][number];

/**
 * Discord's rules for chat input commands (a PUT breaking one fails as a whole with 400).
 * Returns every problem found, as `command: problem` lines; empty when all is well.
 */
export function checkCommandRules(commands: readonly DiscordCommandPayload[]): string[] {
  const problems: string[] = [];
  if (commands.length > MAX_COMMANDS) problems.push(`more than ${MAX_COMMANDS} commands`);
  problems.push(...duplicates(commands.map((c) => c.name)).map((n) => `${n}: duplicate command`));
  for (const command of commands)
    problems.push(...commandProblems(command).map((p) => `${command.name}: ${p}`));
  return problems;
}

function commandProblems(command: DiscordCommandPayload): string[] {
  const problems = [
    ...nameProblems(command.name),
    ...descriptionProblems(command.description),
    ...localizationProblems(command),
  ];
  problems.push(...optionListProblems(command.options));
  if (totalChars(command) > MAX_TOTAL_CHARS)
    problems.push(`names, descriptions and choices exceed ${MAX_TOTAL_CHARS} characters`);
  return problems;
}

/** The options of a command or of one of its sub-commands (each level has the same rules). */
function optionListProblems(options: readonly Option[]): string[] {
  const problems: string[] = [];
  if (options.length > MAX_OPTIONS) problems.push(`more than ${MAX_OPTIONS} options`);
  problems.push(...duplicates(options.map((o) => o.name)).map((n) => `duplicate option ${n}`));
  for (const locale of localesOf(options.map((o) => o.name_localizations)))
    problems.push(
      ...duplicates(options.map((o) => o.name_localizations?.[locale] ?? o.name)).map(
        (n) => `duplicate option ${n} in ${locale}`,
      ),
    );
  const firstOptional = options.findIndex((o) => !o.required);
  if (firstOptional >= 0 && options.slice(firstOptional).some((o) => o.required))
    problems.push('required options must come before optional ones');
  for (const option of options)
    problems.push(...optionProblems(option).map((p) => `option ${option.name}: ${p}`));
  return problems;
}

function optionProblems(option: Option): string[] {
  const problems = [
    ...nameProblems(option.name),
    ...descriptionProblems(option.description),
    ...localizationProblems(option),
  ];
  const choices = option.choices ?? [];
  if (choices.length > MAX_CHOICES) problems.push(`more than ${MAX_CHOICES} choices`);
  if (choices.length > 0 && option.autocomplete) problems.push('autocomplete with choices');
  for (const { name, value, name_localizations: localized } of choices) {
    const names = [name, ...Object.values(localized ?? {}).filter((n) => n !== null)];
    if (names.some((n) => n.length < 1 || n.length > 100) || value.length > 100)
      problems.push(`choice ${value}: name 1-100 (in every locale), value ≤ 100 characters`);
  }
  if ((option.min_value ?? -Infinity) > (option.max_value ?? Infinity))
    problems.push('min_value above max_value');
  if ((option.min_length ?? 0) > (option.max_length ?? 6000) || (option.max_length ?? 1) > 6000)
    problems.push('min_length/max_length outside 0-6000 or crossed');
  if (option.options) problems.push(...optionListProblems(option.options));
  return problems;
}

function nameProblems(name: string): string[] {
  if (!NAME.test(name)) return [`name "${name}" must match ${NAME.source}`];
  return name === name.toLowerCase() ? [] : [`name "${name}" must be lowercase`];
}

function descriptionProblems(description: string): string[] {
  const ok = description.length >= 1 && description.length <= 100;
  return ok ? [] : [`description must be 1-100 characters (is ${description.length})`];
}

/** Localized names follow the same rules as the name; localized descriptions too. */
function localizationProblems(item: {
  name_localizations?: LocalizationMap | undefined;
  description_localizations?: LocalizationMap | undefined;
}): string[] {
  const entries = (map: LocalizationMap | undefined) =>
    Object.entries(map ?? {}).filter((e): e is [string, string] => e[1] !== null);
  return [
    ...entries(item.name_localizations).flatMap(([locale, name]) =>
      nameProblems(name).map((p) => `${locale}: ${p}`),
    ),
    ...entries(item.description_localizations).flatMap(([locale, text]) =>
      descriptionProblems(text).map((p) => `${locale}: ${p}`),
    ),
  ];
}

/** Discord counts the characters per locale: the longest locale must fit. */
function totalChars(command: DiscordCommandPayload): number {
  const locales = localesOf([
    command.name_localizations,
    command.description_localizations,
    ...allOptions(command.options).flatMap((o) => [
      o.name_localizations,
      o.description_localizations,
      ...(o.choices ?? []).map((c) => c.name_localizations),
    ]),
  ]);
  return Math.max(0, ...[undefined, ...locales].map((locale) => charsIn(command, locale)));
}

function charsIn(command: DiscordCommandPayload, locale: string | undefined): number {
  const pick = (text: string, map: LocalizationMap | undefined) =>
    (locale === undefined ? undefined : map?.[locale as keyof LocalizationMap]) ?? text;
  const optionChars = allOptions(command.options).map(
    (o) =>
      pick(o.name, o.name_localizations).length +
      pick(o.description, o.description_localizations).length +
      (o.choices ?? []).reduce(
        (n, c) => n + pick(c.name, c.name_localizations).length + c.value.length,
        0,
      ),
  );
  return (
    pick(command.name, command.name_localizations).length +
    pick(command.description, command.description_localizations).length +
    optionChars.reduce((a, b) => a + b, 0)
  );
}

/** Options with the options of sub-commands, which count towards the total too. */
function allOptions(options: readonly Option[]): Option[] {
  return options.flatMap((o) => [o, ...allOptions(o.options ?? [])]);
}

function localesOf(maps: readonly (LocalizationMap | undefined)[]): (keyof LocalizationMap)[] {
  return [...new Set(maps.flatMap((m) => Object.keys(m ?? {}) as (keyof LocalizationMap)[]))];
}

function duplicates(names: string[]): string[] {
  return [...new Set(names.filter((name, i) => names.indexOf(name) !== i))];
}
