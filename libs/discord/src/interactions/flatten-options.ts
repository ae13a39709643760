import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import type { OptionValue } from './interaction.schema.js';

interface OptionLike {
  name: string;
  type?: number;
  value?: OptionValue | undefined;
  focused?: boolean | undefined;
  options?: readonly OptionLike[] | undefined;
}

/**
 * Option values by name, sub-command groups and sub-commands flattened; the chosen sub-command's
 * name is under `subcommand` (no option of ours is called that).
 */
export function flattenOptions(options: readonly OptionLike[] = []): Record<string, OptionValue> {
  const values: Record<string, OptionValue> = {};
  for (const option of options) {
    if (option.type === ApplicationCommandOptionType.Subcommand) values.subcommand = option.name;
    if (option.value !== undefined) values[option.name] = option.value;
    Object.assign(values, flattenOptions(option.options));
  }
  return values;
}

/** The option the user is typing in an autocomplete request; its value is always text so far. */
export function focusedOption(
  options: readonly OptionLike[] = [],
): { name: string; value: string } | undefined {
  for (const option of options) {
    if (option.focused) return { name: option.name, value: String(option.value ?? '') };
    const nested = focusedOption(option.options);
    if (nested) return nested;
  }
  return undefined;
}
