import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '@kd/event-store';
import { columns, reads, type Tables } from './analytics-batch.js';

export const configEvents = reads('config.updated', 'config.reset');
import {
  overrideFlagsAfterEach as flagsAfterEach,
  type FlatConfigChange as ConfigChange,
  type FlatConfig,
} from '@kd/guild-config';

interface StoredChange {
  seq: string;
  guild_id: string;
  change: 'updated' | 'reset';
  key: string | null;
  section: string;
  new_value: string | null;
  has_override: boolean;
  has_template_override: boolean;
  has_role_mapping_override: boolean;
  has_notification_override: boolean;
}

/**
 * Config events of guilds into kd.analytics_config_events, each row carrying the override flags
 * in force after it. A late event changes the flags of everything after it in time, so every
 * guild the batch touched is folded again from its defaults, in (occurred_at, seq) order.
 */
export async function writeConfigState(
  tx: EntityManager,
  at: Tables,
  events: readonly RecordedEvent[],
  defaults: FlatConfig,
): Promise<void> {
  const changes = configEvents
    .of(events, 'config.updated', 'config.reset')
    .filter((r) => r.event.guildId !== null);
  if (changes.length === 0) return;
  await tx.query(
    `INSERT INTO ${at('config_events')} (seq, guild_id, occurred_at, change, key, section, new_value)
     SELECT * FROM unnest($1::bigint[], $2::text[], $3::timestamptz[], $4::text[], $5::text[], $6::text[], $7::text[])`,
    columns(
      changes,
      (r) => r.seq,
      (r) => r.event.guildId,
      (r) => r.event.occurredAt,
      (r) => (r.event.type === 'config.updated' ? 'updated' : 'reset'),
      (r) => (r.event.type === 'config.updated' ? r.event.payload.key : null),
      (r) =>
        r.event.type === 'config.updated'
          ? (r.event.payload.key.split('.')[0] ?? '')
          : r.event.payload.section,
      (r) => (r.event.type === 'config.updated' ? JSON.stringify(r.event.payload.newValue) : null),
    ),
  );
  await refold(tx, at, [...new Set(changes.map((r) => r.event.guildId as string))], defaults);
}

async function refold(tx: EntityManager, at: Tables, guildIds: string[], defaults: FlatConfig) {
  const rows = await tx.query<StoredChange[]>(
    `SELECT seq, guild_id, change, key, section, new_value, has_override, has_template_override,
            has_role_mapping_override, has_notification_override
     FROM ${at('config_events')} WHERE guild_id = ANY($1::text[])
     ORDER BY guild_id, occurred_at, seq`,
    [guildIds],
  );
  const stale: (StoredChange & { flags: boolean[] })[] = [];
  for (const guildRows of groupByGuild(rows)) {
    const flags = flagsAfterEach(guildRows.map(toChange), defaults);
    guildRows.forEach((row, i) => {
      const f = flags[i];
      if (!f) return;
      const next = [
        f.hasOverride,
        f.hasTemplateOverride,
        f.hasRoleMappingOverride,
        f.hasNotificationOverride,
      ];
      const stored = [
        row.has_override,
        row.has_template_override,
        row.has_role_mapping_override,
        row.has_notification_override,
      ];
      if (next.some((v, k) => v !== stored[k])) stale.push({ ...row, flags: next });
    });
  }
  if (stale.length > 0) await saveFlags(tx, at, stale);
}

function groupByGuild(rows: StoredChange[]): StoredChange[][] {
  const groups = new Map<string, StoredChange[]>();
  for (const row of rows) {
    const group = groups.get(row.guild_id);
    if (group) group.push(row);
    else groups.set(row.guild_id, [row]);
  }
  return [...groups.values()];
}

function toChange(row: StoredChange): ConfigChange {
  return row.change === 'updated'
    ? { change: 'updated', key: row.key ?? '', newValue: JSON.parse(row.new_value ?? 'null') }
    : { change: 'reset', section: row.section };
}

async function saveFlags(
  tx: EntityManager,
  at: Tables,
  rows: (StoredChange & { flags: boolean[] })[],
) {
  await tx.query(
    `UPDATE ${at('config_events')} c
     SET has_override = u.a, has_template_override = u.t, has_role_mapping_override = u.r,
         has_notification_override = u.n
     FROM unnest($1::bigint[], $2::boolean[], $3::boolean[], $4::boolean[], $5::boolean[])
          AS u(seq, a, t, r, n)
     WHERE c.seq = u.seq`,
    columns(
      rows,
      (r) => r.seq,
      ...[0, 1, 2, 3].map((k) => (r: { flags: boolean[] }) => r.flags[k]),
    ),
  );
}
