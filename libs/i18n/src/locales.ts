/** Locales with complete catalogs (DESIGN §6c). The first is the fallback. */
export const supportedLocales = ['en-US', 'de', 'es-ES', 'fr', 'pt-BR'] as const;
export type Locale = (typeof supportedLocales)[number];
export const defaultLocale: Locale = 'en-US';

const byLanguage: Record<string, Locale> = {
  en: 'en-US',
  de: 'de',
  es: 'es-ES',
  fr: 'fr',
  pt: 'pt-BR',
};

export function isSupportedLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (supportedLocales as readonly string[]).includes(value);
}

/**
 * The first candidate we have a catalog for, matched exactly or by language (Discord's `en-GB` →
 * `en-US`, `es-419` → `es-ES`); English when none matches. Never throws: an unknown locale falls back.
 */
export function resolveLocale(...candidates: ReadonlyArray<string | null | undefined>): Locale {
  for (const candidate of candidates) {
    if (!candidate) continue;
    if (isSupportedLocale(candidate)) return candidate;
    const language = candidate.toLowerCase().split(/[-_]/)[0] ?? '';
    const match = byLanguage[language];
    if (match) return match;
  }
  return defaultLocale;
}
