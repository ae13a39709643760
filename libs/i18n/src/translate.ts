import { IntlMessageFormat, type PrimitiveType } from 'intl-messageformat';
import { catalogs } from './catalogs/index.js';
import { defaultLocale, type Locale } from './locales.js';

export type MessageValues = Record<string, PrimitiveType>;

const sources = new Map<string, Readonly<Record<string, string>>>();
for (const { namespace, messages } of catalogs) {
  for (const [locale, entries] of Object.entries(messages)) {
    const merged = { ...sources.get(locale) };
    for (const [key, text] of Object.entries(entries)) merged[`${namespace}.${key}`] = text;
    sources.set(locale, merged);
  }
}
const compiled = new Map<string, IntlMessageFormat>();

export class UnknownMessageKeyError extends Error {
  constructor(readonly key: string) {
    super(`No message "${key}" in the ${defaultLocale} catalog`);
  }
}

export function hasMessage(key: string): boolean {
  return sources.get(defaultLocale)?.[key] !== undefined;
}

/**
 * `key` (`namespace.name`) in `locale`, falling back to English for a message a catalog lacks.
 * An unknown key is a programming error and throws; values are formatted by ICU rules (plurals,
 * numbers, select) of the chosen locale.
 */
export function translate(locale: Locale, key: string, values?: MessageValues): string {
  const own = sources.get(locale)?.[key];
  const text = own ?? sources.get(defaultLocale)?.[key];
  if (text === undefined) throw new UnknownMessageKeyError(key);
  const effective = own === undefined ? defaultLocale : locale;
  const cacheKey = `${effective}\u0000${key}`;
  let format = compiled.get(cacheKey);
  if (!format) {
    format = new IntlMessageFormat(text, effective);
    compiled.set(cacheKey, format);
  }
  return String(format.format(values));
}

/**
 * `key` in `locale` only when that locale's own catalog has it (no English fallback): for
 * Discord's localization maps, where a missing entry must be left out rather than repeated.
 */
export function ownTranslation(
  locale: Locale,
  key: string,
  values?: MessageValues,
): string | undefined {
  return sources.get(locale)?.[key] === undefined ? undefined : translate(locale, key, values);
}

/** A translator bound to one locale, for code that renders many messages. */
export function translatorFor(locale: Locale): (key: string, values?: MessageValues) => string {
  return (key, values) => translate(locale, key, values);
}

/** Every locale's message table, for the completeness test and tooling. */
export function messageTables(): ReadonlyMap<string, Readonly<Record<string, string>>> {
  return sources;
}
