import type { EntityManager } from 'typeorm';
import { tableIn, type TableTarget } from '@kd/projections';
import type { ConfigOverrides } from '../domain/overrides.js';
import type { GuildConfig } from '../schema/guild-config.schema.js';
import { derivedColumns, type ConfigChangeRow, type GuildConfigRow } from './guild-config-state.js';

const json = (value: unknown) =>
  value === null || value === undefined ? null : JSON.stringify(value);

export async function readRows(
  tx: EntityManager,
  target: TableTarget,
  guildIds: readonly string[],
): Promise<Map<string, GuildConfigRow>> {
  const rows = await tx.query<
    {
      guild_id: string;
      overrides: ConfigOverrides;
      version: number;
      last_seq: string;
      updated_at: Date;
      updated_by: string;
    }[]
  >(
    `SELECT guild_id, overrides, version, last_seq, updated_at, updated_by
       FROM ${tableIn(target, 'guild_config_overrides')} WHERE guild_id = ANY($1::text[])`,
    [guildIds],
  );
  return new Map(
    rows.map((r) => [
      r.guild_id,
      {
        guildId: r.guild_id,
        overrides: r.overrides,
        version: r.version,
        lastSeq: Number(r.last_seq),
        updatedAt: r.updated_at.toISOString(),
        updatedBy: r.updated_by,
      },
    ]),
  );
}

export async function upsertRows(
  tx: EntityManager,
  target: TableTarget,
  defaults: GuildConfig,
  rows: readonly GuildConfigRow[],
): Promise<void> {
  if (rows.length === 0) return;
  const derived = rows.map((r) => derivedColumns(defaults, r.overrides));
  await tx.query(
    `INSERT INTO ${tableIn(target, 'guild_config_overrides')} (guild_id, overrides, overridden_keys, has_override, has_template_override,
                                           has_role_mapping_override, has_notification_override, version, last_seq,
                                           updated_at, updated_by)
     SELECT u.guild_id, u.overrides, ARRAY(SELECT jsonb_array_elements_text(u.keys)), u.a, u.t, u.r, u.n,
            u.version, u.last_seq, u.updated_at, u.updated_by
       FROM unnest($1::text[], $2::jsonb[], $3::jsonb[], $4::bool[], $5::bool[], $6::bool[], $7::bool[], $8::int[],
                   $9::bigint[], $10::timestamptz[], $11::text[])
            AS u(guild_id, overrides, keys, a, t, r, n, version, last_seq, updated_at, updated_by)
     ON CONFLICT (guild_id) DO UPDATE SET
       overrides = EXCLUDED.overrides, overridden_keys = EXCLUDED.overridden_keys,
       has_override = EXCLUDED.has_override, has_template_override = EXCLUDED.has_template_override,
       has_role_mapping_override = EXCLUDED.has_role_mapping_override,
       has_notification_override = EXCLUDED.has_notification_override,
       version = EXCLUDED.version, last_seq = EXCLUDED.last_seq, updated_at = EXCLUDED.updated_at,
       updated_by = EXCLUDED.updated_by`,
    [
      rows.map((r) => r.guildId),
      rows.map((r) => JSON.stringify(r.overrides)),
      derived.map((d) => JSON.stringify(d.keys)),
      derived.map((d) => d.flags.hasOverride),
      derived.map((d) => d.flags.hasTemplateOverride),
      derived.map((d) => d.flags.hasRoleMappingOverride),
      derived.map((d) => d.flags.hasNotificationOverride),
      rows.map((r) => r.version),
      rows.map((r) => r.lastSeq),
      rows.map((r) => r.updatedAt),
      rows.map((r) => r.updatedBy),
    ],
  );
}

export async function insertChanges(
  tx: EntityManager,
  target: TableTarget,
  changes: readonly ConfigChangeRow[],
): Promise<void> {
  if (changes.length === 0) return;
  const pick = <T>(f: (c: ConfigChangeRow) => T): T[] => changes.map(f);
  await tx.query(
    `INSERT INTO ${tableIn(target, 'guild_config_changes')} (seq, event_id, guild_id, change, key, section, old_value, new_value,
                                         occurred_at, actor_user_id)
     SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::jsonb[],
                          $8::jsonb[], $9::timestamptz[], $10::text[])
     ON CONFLICT DO NOTHING`,
    [
      pick((c) => c.seq),
      pick((c) => c.eventId),
      pick((c) => c.guildId),
      pick((c) => c.change),
      pick((c) => c.key),
      pick((c) => c.section),
      pick((c) => json(c.oldValue)),
      pick((c) => json(c.newValue)),
      pick((c) => c.occurredAt),
      pick((c) => c.actorUserId),
    ],
  );
}
