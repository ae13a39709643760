import { leafOf } from '../keys/config-keys.js';
import type { GuildConfig } from '../schema/guild-config.schema.js';
import { deepFreeze, isPlainObject } from './json-value.js';
import type { ConfigOverrides } from './overrides.js';

/**
 * Defaults with a guild's overrides laid over them, frozen. An override whose key or value the
 * current schema no longer accepts (a removed notification kind, say) is ignored, so an old
 * event can never make a guild's configuration invalid.
 */
export function effectiveConfig(defaults: GuildConfig, overrides: ConfigOverrides): GuildConfig {
  const config = structuredClone(defaults) as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(overrides)) {
    if (leafOf(key)?.schema.safeParse(value).success) setAt(config, key, value);
  }
  return deepFreeze(config) as unknown as GuildConfig;
}

function setAt(root: Record<string, unknown>, key: string, value: unknown): void {
  const segments = key.split('.');
  const last = segments.pop() ?? key;
  let node = root;
  for (const segment of segments) {
    const child = node[segment];
    node = isPlainObject(child) ? child : (node[segment] = {});
  }
  node[last] = Array.isArray(value) ? [...(value as unknown[])] : value;
}
