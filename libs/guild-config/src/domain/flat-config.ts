import { overrideFlagsOfKeys, type OverrideFlags } from './override-flags.js';

/**
 * A guild's configuration as docs/analytics-rules.md §3 defines it: a map of dotted leaf keys to
 * canonical JSON, folded from the defaults through config.updated / config.reset whatever the
 * values (the analytics projection and the reports count what was sent). The oracle in
 * @kd/analytics-oracle is written independently, so the equivalence test compares two folds.
 */
export type FlatConfig = Map<string, string>;

export type FlatConfigChange =
  { change: 'updated'; key: string; newValue: unknown } | { change: 'reset'; section: string };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** JSON text with object keys sorted at every depth, so equal values have equal text. */
export function canonicalConfigJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalConfigJson).join(',')}]`;
  if (isObject(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalConfigJson(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Leaves of `value` under `prefix`: objects recurse, anything else but null is a leaf. */
export function flattenConfig(
  value: unknown,
  prefix = '',
  into: FlatConfig = new Map(),
): FlatConfig {
  if (value === null || value === undefined) return into;
  if (!isObject(value)) return into.set(prefix, canonicalConfigJson(value));
  for (const [key, child] of Object.entries(value))
    flattenConfig(child, prefix === '' ? key : `${prefix}.${key}`, into);
  return into;
}

const under = (key: string, prefix: string) => key === prefix || key.startsWith(`${prefix}.`);

/** The configuration after one change (a new map; the input is left alone). */
export function applyConfigChange(
  config: FlatConfig,
  change: FlatConfigChange,
  defaults: FlatConfig,
) {
  const everything = change.change === 'reset' && change.section === 'all';
  const prefix = change.change === 'updated' ? change.key : change.section;
  const hit = (key: string) => everything || under(key, prefix);
  const next: FlatConfig = new Map();
  for (const [key, value] of config) if (!hit(key)) next.set(key, value);
  if (change.change === 'updated') return flattenConfig(change.newValue, change.key, next);
  for (const [key, value] of defaults) if (hit(key)) next.set(key, value);
  return next;
}

/** Keys whose value differs from the defaults, a key missing on one side included. */
export function overriddenConfigKeys(config: FlatConfig, defaults: FlatConfig): string[] {
  const keys = new Set([...config.keys(), ...defaults.keys()]);
  return [...keys].filter((key) => config.get(key) !== defaults.get(key));
}

/** The flags after each change, in the order given (occurred_at, seq). */
export function overrideFlagsAfterEach(
  changes: readonly FlatConfigChange[],
  defaults: FlatConfig,
): OverrideFlags[] {
  let config = defaults;
  return changes.map((change) => {
    config = applyConfigChange(config, change, defaults);
    return overrideFlagsOfKeys(overriddenConfigKeys(config, defaults));
  });
}
