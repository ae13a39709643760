import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '@kd/event-store';
import type { Projection, TableTarget } from '@kd/projections';
import { loadDefaultConfig } from '../defaults/load-default-config.js';
import { configEventTypes, isConfigEvent } from '../domain/overrides.js';
import type { GuildConfig } from '../schema/guild-config.schema.js';
import { insertChanges, readRows, upsertRows } from './guild-config-sql.js';
import {
  applyToRow,
  changeRow,
  type ConfigChangeRow,
  type GuildConfigRow,
  type RecordedConfigEvent,
} from './guild-config-state.js';

/**
 * `kd.guild_config_overrides` (one row per guild: overrides and DESIGN §4 flags) and
 * `kd.guild_config_changes` (one row per event). The flags compare with the defaults this
 * process loaded: after changing config/default_config.json, rebuild this projection.
 */
export function createGuildConfigProjection(loadDefaults: () => GuildConfig): Projection {
  let defaults: GuildConfig | undefined;
  return {
    name: 'guild_config',
    version: 1,
    tables: ['guild_config_overrides', 'guild_config_changes'],
    shadowRebuild: true,
    handles: configEventTypes,
    async apply(
      events: readonly RecordedEvent[],
      tx: EntityManager,
      target: TableTarget,
    ): Promise<void> {
      const config = events.filter(isRecordedConfigEvent);
      if (config.length === 0) return;
      defaults ??= loadDefaults();
      const rows = await readRows(tx, target, [...new Set(config.map((r) => r.event.guildId))]);
      const touched = new Map<string, GuildConfigRow>();
      const changes: ConfigChangeRow[] = [];
      for (const recorded of config) {
        const row = rows.get(recorded.event.guildId);
        // Idempotent beyond the runner's checkpoint: an event at or below the row's seq is done.
        if (row && recorded.seq <= row.lastSeq) continue;
        const next = applyToRow(row, recorded);
        rows.set(next.guildId, next);
        touched.set(next.guildId, next);
        changes.push(changeRow(recorded));
      }
      await upsertRows(tx, target, defaults, [...touched.values()]);
      await insertChanges(tx, target, changes);
    },
    async reset(tx: EntityManager): Promise<void> {
      await tx.query(`TRUNCATE kd.guild_config_overrides, kd.guild_config_changes`);
    },
  };
}

function isRecordedConfigEvent(
  recorded: RecordedEvent,
): recorded is RecordedEvent & RecordedConfigEvent {
  return isConfigEvent(recorded.event) && recorded.event.guildId !== null;
}

export const guildConfigProjection = createGuildConfigProjection(() => loadDefaultConfig());
