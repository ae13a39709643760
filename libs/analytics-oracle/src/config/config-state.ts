import { canonicalJson, isJsonObject, type JsonObject, type JsonValue } from '../json.js';

/** Effective configuration as dotted leaf key → canonical JSON of its value. */
export type FlatConfig = Map<string, string>;

/** Leaves of a JSON value under `prefix`: objects recurse, arrays and scalars are leaves, null is absent. */
export function flattenConfig(
  value: JsonValue,
  prefix: string,
  into: FlatConfig = new Map(),
): FlatConfig {
  if (value === null) return into;
  if (!isJsonObject(value)) return into.set(prefix, canonicalJson(value));
  for (const [key, child] of Object.entries(value)) {
    flattenConfig(child, prefix === '' ? key : `${prefix}.${key}`, into);
  }
  return into;
}

function isUnder(key: string, prefix: string): boolean {
  return key === prefix || key.startsWith(`${prefix}.`);
}

function removeUnder(config: FlatConfig, prefix: string): void {
  for (const key of [...config.keys()]) if (isUnder(key, prefix)) config.delete(key);
}

/** `config.updated`: the key (and everything under it) takes the new value; null removes it. */
export function applyConfigUpdate(config: FlatConfig, key: string, newValue: JsonValue): void {
  removeUnder(config, key);
  flattenConfig(newValue, key, config);
}

/** `config.reset`: a section (or `all`) returns to the defaults. */
export function applyConfigReset(config: FlatConfig, section: string, defaults: FlatConfig): void {
  const prefix = section === 'all' ? '' : section;
  for (const key of [...config.keys()])
    if (prefix === '' || isUnder(key, prefix)) config.delete(key);
  for (const [key, value] of defaults) {
    if (prefix === '' || isUnder(key, prefix)) config.set(key, value);
  }
}

export function flattenDefaults(defaults: JsonObject): FlatConfig {
  return flattenConfig(defaults, '');
}

/** Leaf keys whose effective value differs from the default (either side may be absent). */
export function overriddenKeys(config: FlatConfig, defaults: FlatConfig): string[] {
  const keys = new Set([...config.keys(), ...defaults.keys()]);
  return [...keys].filter((key) => config.get(key) !== defaults.get(key)).sort();
}
