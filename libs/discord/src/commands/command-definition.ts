import {
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type LocalizationMap,
} from 'discord-api-types/v10';
import { z } from 'zod';
import type { DiscordOptionShape, OptionSpec } from './command-options.js';
import { choiceKey, localizationsOf, optionKey } from './command-localizations.js';

export type OptionSpecs = Record<string, OptionSpec>;
export type OptionsShape<O extends OptionSpecs> = { [K in keyof O]: O[K]['schema'] };

/** One slash command: what Discord is told, how its options are checked, how it is answered. */
export interface CommandDefinition<
  N extends string = string,
  O extends OptionSpecs = OptionSpecs,
  S extends z.ZodType = z.ZodType,
> {
  name: N;
  description: string;
  /** Goes into `command.executed.commandVersion`; bump it when the options or meaning change. */
  version: number;
  /** Answer with a deferred response (DeferredChannelMessageWithSource) first: the work may take longer than Discord's 3 s. */
  deferred: boolean;
  /** Only the invoking user sees the reply (MessageFlags.Ephemeral). Fixed by the first response. */
  ephemeral: boolean;
  /**
   * Changes nothing (no event but its own `command.executed`, no Kaltura write): running it again
   * on a redelivery is harmless, so it skips the interaction reservation's round trip.
   */
  readOnly: boolean;
  /** Discord's default_member_permissions (decimal bitfield); null = everyone. Admins can change it per server. */
  defaultMemberPermissions: string | null;
  /** Option specs by name, in the order Discord shows them (required first). */
  options: O;
  optionsSchema: S;
}

export function defineCommand<const N extends string, O extends OptionSpecs>(
  definition: Omit<CommandDefinition<N, O>, 'optionsSchema'>,
): CommandDefinition<N, O, z.ZodObject<OptionsShape<O>>> {
  const shape = Object.fromEntries(
    Object.entries(definition.options).map(([name, spec]) => [name, spec.schema]),
  ) as OptionsShape<O>;
  return { ...definition, optionsSchema: z.object(shape) };
}

/** Discord's `contexts` (guild) and `integration_types` (guild install): both 0. */
export const GUILD_ONLY = [InteractionContextType.Guild] as const;
const GUILD_INSTALL = [ApplicationIntegrationType.GuildInstall] as const;

export interface DiscordCommandPayload {
  type: ApplicationCommandType.ChatInput;
  name: string;
  name_localizations?: LocalizationMap;
  description: string;
  description_localizations?: LocalizationMap;
  options: (DiscordOptionShape & { name: string })[];
  default_member_permissions: string | null;
  contexts: number[];
  integration_types: number[];
}

/**
 * The body element of `PUT /applications/{id}/commands` for one definition, with the names and
 * descriptions of the `commands` catalog as Discord's localization maps (absent when it has none).
 */
export function toDiscordPayload(definition: CommandDefinition): DiscordCommandPayload {
  return {
    type: ApplicationCommandType.ChatInput,
    name: definition.name,
    ...localized('name', `${definition.name}.name`),
    description: definition.description,
    ...localized('description', `${definition.name}.description`),
    options: Object.entries(definition.options).map(([name, spec]) =>
      localizeOption(definition.name, name, spec.discord),
    ),
    default_member_permissions: definition.defaultMemberPermissions,
    contexts: [...GUILD_ONLY],
    integration_types: [...GUILD_INSTALL],
  };
}

function localized<F extends 'name' | 'description'>(
  field: F,
  key: string,
): Partial<Record<`${F}_localizations`, LocalizationMap>> {
  const map = localizationsOf(key);
  return map
    ? ({ [`${field}_localizations`]: map } as Record<`${F}_localizations`, LocalizationMap>)
    : {};
}

/** An option (or sub-command, with its own options nested under its key) and its localizations. */
function localizeOption(
  parent: string,
  name: string,
  discord: DiscordOptionShape,
): DiscordOptionShape & { name: string } {
  const key = optionKey(parent, name);
  const { choices, options, ...rest } = discord;
  return {
    name,
    ...localized('name', `${key}.name`),
    ...rest,
    ...localized('description', `${key}.description`),
    ...(choices
      ? {
          choices: choices.map((choice) => ({
            ...choice,
            ...localized('name', choiceKey(parent, name, choice.value)),
          })),
        }
      : {}),
    ...(options
      ? { options: options.map(({ name: sub, ...shape }) => localizeOption(key, sub, shape)) }
      : {}),
  };
}
