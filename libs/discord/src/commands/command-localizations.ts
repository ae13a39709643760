import { Locale as DiscordLocale, type LocalizationMap } from 'discord-api-types/v10';
import { ownTranslation, type Locale } from '@kd/i18n';

/** The Discord locales we localize commands for, and the catalog each takes its text from. */
export const commandLocales: ReadonlyArray<readonly [DiscordLocale, Locale]> = [
  [DiscordLocale.German, 'de'],
  [DiscordLocale.SpanishES, 'es-ES'],
  [DiscordLocale.SpanishLATAM, 'es-ES'],
  [DiscordLocale.French, 'fr'],
  [DiscordLocale.PortugueseBR, 'pt-BR'],
];

/**
 * `commands.<key>` in every locale whose catalog has it, as Discord's localization map; undefined
 * when none has it (a command without catalog entries is registered in English only).
 */
export function localizationsOf(key: string): LocalizationMap | undefined {
  const map: LocalizationMap = {};
  for (const [discordLocale, locale] of commandLocales) {
    const text = ownTranslation(locale, `commands.${key}`);
    if (text !== undefined) map[discordLocale] = text;
  }
  return Object.keys(map).length > 0 ? map : undefined;
}

/**
 * Catalog key prefixes of a command, its options and their choices. A sub-command is an option
 * of its command, and its own options nest under it: `optionKey(optionKey(command, sub), option)`
 * is `<command>.options.<sub>.options.<option>`.
 */
export const commandKey = (command: string) => command;
export const optionKey = (parent: string, option: string) => `${parent}.options.${option}`;
export const choiceKey = (parent: string, option: string, value: string) =>
  `${optionKey(parent, option)}.choices.${value}`;
