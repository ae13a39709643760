import { z } from 'zod';

/** A command as `GET /applications/{id}/commands` returns it (fields we compare; rest ignored). */
type RemoteLocalizations = Record<string, string | null> | null | undefined;

interface RemoteOption {
  type: number;
  name: string;
  name_localizations?: RemoteLocalizations;
  description: string;
  description_localizations?: RemoteLocalizations;
  required?: boolean | undefined;
  autocomplete?: boolean | undefined;
  choices?:
    | { name: string; name_localizations?: RemoteLocalizations; value: string | number }[]
    | null
    | undefined;
  min_value?: number | null | undefined;
  max_value?: number | null | undefined;
  min_length?: number | null | undefined;
  max_length?: number | null | undefined;
  channel_types?: number[] | null | undefined;
  options?: RemoteOption[] | null | undefined;
}

const localizations = z.record(z.string(), z.string().nullable()).nullish();

const remoteOptionSchema: z.ZodType<RemoteOption> = z.object({
  type: z.number(),
  name: z.string(),
  name_localizations: localizations,
  description: z.string(),
  description_localizations: localizations,
  required: z.boolean().optional(),
  autocomplete: z.boolean().optional(),
  choices: z
    .array(
      z.object({
        name: z.string(),
        name_localizations: localizations,
        value: z.union([z.string(), z.number()]),
      }),
    )
    .nullish(),
  min_value: z.number().nullish(),
  max_value: z.number().nullish(),
  min_length: z.number().nullish(),
  max_length: z.number().nullish(),
  channel_types: z.array(z.number()).nullish(),
  get options() {
    return z.array(remoteOptionSchema).nullish();
  },
});

export const remoteCommandSchema = z.object({
  type: z.number().optional(),
  name: z.string(),
  name_localizations: localizations,
  description: z.string(),
  description_localizations: localizations,
  options: z.array(remoteOptionSchema).nullish(),
  default_member_permissions: z.string().nullish(),
  contexts: z.array(z.number()).nullish(),
  integration_types: z.array(z.number()).nullish(),
});
export type RemoteCommand = z.output<typeof remoteCommandSchema>;

/**
 * The comparable form of a command: Discord adds ids, versions and defaults and omits false or
 * empty fields, so both sides are reduced to the same explicit shape with fixed key order.
 */
export function normalizeCommand(command: RemoteCommand) {
  return {
    type: command.type ?? 1,
    name: command.name,
    description: command.description,
    options: (command.options ?? []).map(normalizeOption),
    default_member_permissions: command.default_member_permissions ?? null,
    contexts: sorted(command.contexts),
    integration_types: sorted(command.integration_types),
  };
}

interface NormalizedOption {
  type: number;
  name: string;
  description: string;
  required: boolean;
  autocomplete: boolean;
  choices: { name: string; value: string | number }[];
  min_value: number | null;
  max_value: number | null;
  min_length: number | null;
  max_length: number | null;
  /** Only on channel options (absent elsewhere, so other commands' fingerprints stay put). */
  channel_types?: number[];
  options: NormalizedOption[];
}

function normalizeOption(option: RemoteOption): NormalizedOption {
  return {
    type: option.type,
    name: option.name,
    description: option.description,
    required: option.required ?? false,
    autocomplete: option.autocomplete ?? false,
    choices: (option.choices ?? []).map(({ name, value }) => ({ name, value })),
    min_value: option.min_value ?? null,
    max_value: option.max_value ?? null,
    min_length: option.min_length ?? null,
    max_length: option.max_length ?? null,
    ...(option.channel_types
      ? { channel_types: [...option.channel_types].sort((a, b) => a - b) }
      : {}),
    options: (option.options ?? []).map(normalizeOption),
  };
}

function sorted(values: readonly number[] | null | undefined): number[] | null {
  return values ? [...values].sort((a, b) => a - b) : null;
}

/** A localization map with sorted keys and no null entries; null when empty. */
function normalizeMap(map: RemoteLocalizations): Record<string, string> | null {
  const entries = Object.entries(map ?? {})
    .filter((e): e is [string, string] => e[1] !== null)
    .sort(([x], [y]) => x.localeCompare(y));
  return entries.length > 0 ? Object.fromEntries(entries) : null;
}

/**
 * The localized names and descriptions of a command, its options and choices. Kept apart from
 * normalizeCommand: a translation changes what Discord shows, not what the command means.
 */
export function normalizeLocalizations(command: RemoteCommand) {
  const option = (o: RemoteOption): unknown => ({
    name: normalizeMap(o.name_localizations),
    description: normalizeMap(o.description_localizations),
    choices: (o.choices ?? []).map((c) => normalizeMap(c.name_localizations)),
    options: (o.options ?? []).map(option),
  });
  return {
    name: normalizeMap(command.name_localizations),
    description: normalizeMap(command.description_localizations),
    options: (command.options ?? []).map(option),
  };
}

/** Whether two command sets register the same thing (order of commands does not matter). */
export function sameCommands(a: readonly RemoteCommand[], b: readonly RemoteCommand[]): boolean {
  const key = (set: readonly RemoteCommand[]) =>
    JSON.stringify(
      [...set]
        .sort((x, y) => x.name.localeCompare(y.name))
        .map((c) => [normalizeCommand(c), normalizeLocalizations(c)]),
    );
  return key(a) === key(b);
}
