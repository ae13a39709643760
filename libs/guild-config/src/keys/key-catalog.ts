import { fixedLeaves, type LeafKind } from './config-keys.js';

/** Every fixed key of one kind, in catalog order (`boolean`: the switches). */
export function keysOfKind(kind: LeafKind): string[] {
  return [...fixedLeaves].filter(([, leaf]) => leaf.kind === kind).map(([key]) => key);
}

/** The kind of a fixed key, or undefined for a key the catalog does not have. */
export function kindOfKey(key: string): LeafKind | undefined {
  return fixedLeaves.get(key)?.kind;
}

/**
 * Candidates matching what a person typed, for autocomplete: those starting with it first,
 * then those containing it (case-insensitive, `.` and spaces alike), at most `limit`.
 */
export function matchingKeys(typed: string, candidates: readonly string[], limit = 25): string[] {
  const needle = typed.trim().toLowerCase().replaceAll(' ', '');
  if (needle === '') return candidates.slice(0, limit);
  const lower = candidates.map((c) => [c, c.toLowerCase()] as const);
  const starting = lower.filter(([, c]) => c.startsWith(needle) || c.includes(`.${needle}`));
  const containing = lower.filter(
    ([, c]) => c.includes(needle) && !starting.some(([, s]) => s === c),
  );
  return [...starting, ...containing].slice(0, limit).map(([c]) => c);
}

/** IANA time zones the runtime knows, UTC first. */
export function timeZones(): string[] {
  return ['UTC', ...Intl.supportedValuesOf('timeZone').filter((zone) => zone !== 'UTC')];
}
