import type { DiscordCommandPayload } from './command-definition.js';

const NAME = /^[-_\p{L}\p{N}]{1,32}$/u;
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
  const problems = [...nameProblems(command.name), ...descriptionProblems(command.description)];
  const { options } = command;
  if (options.length > MAX_OPTIONS) problems.push(`more than ${MAX_OPTIONS} options`);
  problems.push(...duplicates(options.map((o) => o.name)).map((n) => `duplicate option ${n}`));
  const firstOptional = options.findIndex((o) => !o.required);
  if (firstOptional >= 0 && options.slice(firstOptional).some((o) => o.required))
    problems.push('required options must come before optional ones');
  for (const option of options)
    problems.push(...optionProblems(option).map((p) => `option ${option.name}: ${p}`));
  if (totalChars(command) > MAX_TOTAL_CHARS)
    problems.push(`names, descriptions and choices exceed ${MAX_TOTAL_CHARS} characters`);
  return problems;
}

function optionProblems(option: Option): string[] {
  const problems = [...nameProblems(option.name), ...descriptionProblems(option.description)];
  const choices = option.choices ?? [];
  if (choices.length > MAX_CHOICES) problems.push(`more than ${MAX_CHOICES} choices`);
  if (choices.length > 0 && option.autocomplete) problems.push('autocomplete with choices');
  for (const { name, value } of choices)
    if (name.length < 1 || name.length > 100 || value.length > 100)
      problems.push(`choice ${value}: name 1-100, value ≤ 100 characters`);
  if ((option.min_value ?? -Infinity) > (option.max_value ?? Infinity))
    problems.push('min_value above max_value');
  if ((option.min_length ?? 0) > (option.max_length ?? 6000) || (option.max_length ?? 1) > 6000)
    problems.push('min_length/max_length outside 0-6000 or crossed');
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

function totalChars(command: DiscordCommandPayload): number {
  const optionChars = command.options.map(
    (o) =>
      o.name.length +
      o.description.length +
      (o.choices ?? []).reduce((n, c) => n + c.name.length + c.value.length, 0),
  );
  return command.name.length + command.description.length + optionChars.reduce((a, b) => a + b, 0);
}

function duplicates(names: string[]): string[] {
  return [...new Set(names.filter((name, i) => names.indexOf(name) !== i))];
}
