import type { GuildConfig } from '../schema/guild-config.schema.js';
import { isPlainObject, jsonEqual } from './json-value.js';

/** DESIGN §4's customization facts about one guild. */
export interface OverrideFlags {
  hasOverride: boolean;
  /** A key under `notifications.templates.` differs. */
  hasTemplateOverride: boolean;
  /** A key under `roles.mapping.` differs. */
  hasRoleMappingOverride: boolean;
  /** `notifications.enabled`, or a key under `notifications.types.` or `.channels.`, differs. */
  hasNotificationOverride: boolean;
}

/** The dotted keys whose effective value differs from the default, sorted. */
export function changedKeys(defaults: GuildConfig, effective: GuildConfig): string[] {
  const out: string[] = [];
  diff(defaults, effective, '', out);
  return out.sort();
}

function diff(a: unknown, b: unknown, path: string, out: string[]): void {
  if (isPlainObject(a) && isPlainObject(b)) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)]))
      diff(a[key], b[key], path ? `${path}.${key}` : key, out);
  } else if (!jsonEqual(a, b)) {
    out.push(path);
  }
}

/** "Overrides" = effective value differs from default_config.json, whatever events led there. */
export function overrideFlags(defaults: GuildConfig, effective: GuildConfig): OverrideFlags {
  return overrideFlagsOfKeys(changedKeys(defaults, effective));
}

/**
 * DESIGN §4's flags from the dotted keys that differ from the defaults. A key below
 * `notifications.enabled` (only a flattened non-boolean value has one) counts as that setting.
 */
export function overrideFlagsOfKeys(keys: readonly string[]): OverrideFlags {
  const any = (test: (key: string) => boolean) => keys.some(test);
  return {
    hasOverride: keys.length > 0,
    hasTemplateOverride: any((k) => k.startsWith('notifications.templates.')),
    hasRoleMappingOverride: any((k) => k.startsWith('roles.mapping.')),
    hasNotificationOverride: any(
      (k) =>
        k === 'notifications.enabled' ||
        k.startsWith('notifications.enabled.') ||
        k.startsWith('notifications.types.') ||
        k.startsWith('notifications.channels.'),
    ),
  };
}
