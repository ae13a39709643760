import { applyConfigChange, overriddenConfigKeys, type FlatConfig } from '@kd/guild-config';

/** A config.updated or config.reset of a guild, in (occurred_at, seq) order. */
export type ConfigChange =
  | { guild_id: string; change: 'updated'; key: string; new_value: unknown; in_period: boolean }
  | { guild_id: string; change: 'reset'; section: string; in_period: boolean };

export interface ConfigKeyRow {
  key: string;
  /** Installed guilds whose effective value differs from the default at the end of the period. */
  guilds_overriding: number;
  share_of_installed: number | null;
  /** config.updated events on the key during the period, and the guilds that sent them. */
  updates: number;
  guilds_updating: number;
}

/** Role ids make every mapping its own key: they are counted together as `roles.mapping.*`. */
export function keyGroup(key: string): string {
  return key.startsWith('roles.mapping.') ? 'roles.mapping.*' : key;
}

/**
 * Folds each guild's changes from the defaults (docs/analytics-rules.md §3: a reset returns a
 * section to the defaults) and counts, per key, the installed guilds that override it now and
 * the updates sent during the period. Sorted by overriding guilds, then updates, then key.
 */
export function configKeyUsage(
  changes: readonly ConfigChange[],
  installed: ReadonlySet<string>,
  defaults: FlatConfig,
): ConfigKeyRow[] {
  const configs = new Map<string, FlatConfig>();
  const rows = new Map<string, ConfigKeyRow & { updaters: Set<string> }>();
  const row = (key: string) => {
    const found = rows.get(key);
    if (found) return found;
    const fresh = {
      key,
      guilds_overriding: 0,
      share_of_installed: null,
      updates: 0,
      guilds_updating: 0,
      updaters: new Set<string>(),
    };
    rows.set(key, fresh);
    return fresh;
  };
  for (const c of changes) {
    const config = configs.get(c.guild_id) ?? defaults;
    const change =
      c.change === 'reset' ? c : { change: c.change, key: c.key, newValue: c.new_value };
    configs.set(c.guild_id, applyConfigChange(config, change, defaults));
    if (c.change === 'reset' || !c.in_period) continue;
    const r = row(keyGroup(c.key));
    r.updates += 1;
    r.updaters.add(c.guild_id);
  }
  for (const [guild, config] of configs) {
    if (!installed.has(guild)) continue;
    for (const key of new Set(overriddenConfigKeys(config, defaults).map(keyGroup)))
      row(key).guilds_overriding += 1;
  }
  return [...rows.values()]
    .map(({ updaters, ...r }) => ({
      ...r,
      guilds_updating: updaters.size,
      share_of_installed: installed.size === 0 ? null : r.guilds_overriding / installed.size,
    }))
    .sort(
      (a, b) =>
        b.guilds_overriding - a.guilds_overriding ||
        b.updates - a.updates ||
        (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
    );
}
