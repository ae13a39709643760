import type { Locale } from './locales.js';

/** One namespace's messages (ICU MessageFormat) in every supported locale. */
export type NamespaceCatalog = { readonly [L in Locale]: Readonly<Record<string, string>> };

export function defineCatalog<const N extends string>(
  namespace: N,
  messages: NamespaceCatalog,
): { readonly namespace: N; readonly messages: NamespaceCatalog } {
  return { namespace, messages };
}
