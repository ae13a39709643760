import {
  ApplicationCommandOptionType,
  type APIApplicationCommandInteractionDataBasicOption,
  type APIApplicationCommandInteractionDataOption,
} from 'discord-api-types/v10';

type OptionValue = string | number | boolean;

export function option(
  name: string,
  value: OptionValue,
): APIApplicationCommandInteractionDataBasicOption {
  if (typeof value === 'number') return { name, type: ApplicationCommandOptionType.Integer, value };
  if (typeof value === 'boolean')
    return { name, type: ApplicationCommandOptionType.Boolean, value };
  return { name, type: ApplicationCommandOptionType.String, value };
}

/**
 * `data.options` as Discord sends them; a `subcommand` entry names the sub-command the other
 * options belong to, as `/kaltura-config-update switch key:… value:…` arrives.
 */
export function commandOptions(
  options: Record<string, OptionValue>,
): APIApplicationCommandInteractionDataOption[] {
  const { subcommand, ...rest } = options;
  if (subcommand === undefined) return Object.entries(options).map(([n, v]) => option(n, v));
  return [
    {
      name: String(subcommand),
      type: ApplicationCommandOptionType.Subcommand,
      options: Object.entries(rest).map(([n, v]) => option(n, v)),
    },
  ];
}
