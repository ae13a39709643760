import { ConfigUnknownKeyError, ConfigUnknownSectionError } from '../errors.js';
import { configUpdateSections, type ConfigSection } from '../schema/config-catalog.js';
import { knownKeyPatterns, leafOf, roleMappingPrefix, type ConfigLeaf } from './config-keys.js';
import { nearest } from './suggest.js';

export interface ParsedConfigKey {
  /** Full dotted key, e.g. `notifications.templates.meeting_start`. */
  key: string;
  section: ConfigSection;
  leaf: ConfigLeaf;
}

const isSection = (value: string): value is ConfigSection =>
  (configUpdateSections as readonly string[]).includes(value);

export function parseSection(section: string): ConfigSection {
  const normalized = section.trim().toLowerCase();
  if (isSection(normalized)) return normalized;
  throw new ConfigUnknownSectionError(normalized, nearest(normalized, configUpdateSections));
}

/**
 * `/kaltura-config-update section key value`: the key may be given relative to the section
 * (`templates.meeting_start`) or in full; a role may be given as a mention (`<@&id>`).
 */
export function parseConfigKey(section: string, key: string): ParsedConfigKey {
  const parsedSection = parseSection(section);
  const relative = normalize(key);
  const full = relative.startsWith(`${parsedSection}.`) ? relative : `${parsedSection}.${relative}`;
  return parseDottedKey(full);
}

/** A full dotted key, as stored in `config.updated` events. */
export function parseDottedKey(key: string): ParsedConfigKey {
  const normalized = normalize(key);
  const section = parseSection(normalized.split('.')[0] ?? '');
  const leaf = leafOf(normalized);
  if (leaf) return { key: normalized, section, leaf };
  throw unknownKey(normalized);
}

function normalize(key: string): string {
  return key
    .trim()
    .toLowerCase()
    .replace(/<@&(\d+)>$/, '$1')
    .replace(/\.+$/, '');
}

function unknownKey(key: string): ConfigUnknownKeyError {
  if (key.startsWith(roleMappingPrefix))
    return new ConfigUnknownKeyError(key, [`${roleMappingPrefix}<roleId>`], 'not_role_id');
  const children = knownKeyPatterns.filter((k) => k.startsWith(`${key}.`));
  if (children.length > 0)
    return new ConfigUnknownKeyError(key, children.slice(0, 8), 'group');
  return new ConfigUnknownKeyError(key, nearest(key, knownKeyPatterns));
}
