import { effectiveConfig } from '../domain/effective-config.js';
import { changedKeys, overrideFlags } from '../domain/override-flags.js';
import { evolveConfig, type ConfigEvent, type ConfigOverrides } from '../domain/overrides.js';
import type { GuildConfig } from '../schema/guild-config.schema.js';

/** One guild's row of kd.guild_config_overrides, as folded so far. */
export interface GuildConfigRow {
  guildId: string;
  overrides: ConfigOverrides;
  version: number;
  lastSeq: number;
  updatedAt: string;
  updatedBy: string;
}

export interface ConfigChangeRow {
  seq: number;
  eventId: string;
  guildId: string;
  change: 'updated' | 'reset';
  key: string | null;
  section: string;
  oldValue: unknown;
  newValue: unknown;
  occurredAt: string;
  actorUserId: string;
}

export interface RecordedConfigEvent {
  seq: number;
  event: ConfigEvent & { id: string; guildId: string; occurredAt: string };
}

/** Applies one event to a guild's row (pure; the caller has skipped what it already applied). */
export function applyToRow(
  row: GuildConfigRow | undefined,
  recorded: RecordedConfigEvent,
): GuildConfigRow {
  const { seq, event } = recorded;
  return {
    guildId: event.guildId,
    overrides: evolveConfig(row?.overrides ?? {}, event),
    version: (row?.version ?? 0) + 1,
    lastSeq: seq,
    updatedAt: event.occurredAt,
    updatedBy: event.payload.actorUserId,
  };
}

export function changeRow({ seq, event }: RecordedConfigEvent): ConfigChangeRow {
  const base = { seq, eventId: event.id, guildId: event.guildId, occurredAt: event.occurredAt };
  switch (event.type) {
    case 'config.updated': {
      const { key, oldValue, newValue, actorUserId } = event.payload;
      const section = key.split('.')[0] ?? key;
      return { ...base, change: 'updated', key, section, oldValue, newValue, actorUserId };
    }
    case 'config.reset': {
      const { section, actorUserId } = event.payload;
      return {
        ...base,
        change: 'reset',
        key: null,
        section,
        oldValue: null,
        newValue: null,
        actorUserId,
      };
    }
  }
}

/** The columns derived from the overrides: DESIGN §4's flags, via the same function as everyone. */
export function derivedColumns(defaults: GuildConfig, overrides: ConfigOverrides) {
  const effective = effectiveConfig(defaults, overrides);
  return { keys: changedKeys(defaults, effective), flags: overrideFlags(defaults, effective) };
}
