import { definitionOf } from './codec.js';

/**
 * The payload without its owned personal fields (display names): read models keep the ids,
 * which a forget rewrites, never the names (docs/privacy.md).
 */
export function withoutOwnedPersonalFields(type: string, payload: unknown): unknown {
  const owned = Object.keys(definitionOf(type).personalOwners);
  if (owned.length === 0 || typeof payload !== 'object' || payload === null) return payload;
  const copy = { ...(payload as Record<string, unknown>) };
  for (const field of owned) if (field in copy) copy[field] = null;
  return copy;
}
