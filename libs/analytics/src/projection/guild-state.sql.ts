import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '@kd/event-store';
import { columns, reads, type Tables } from './analytics-batch.js';

/** Install and member-count events; any event carrying a guild also marks its first sighting. */
export const guildEvents = reads(
  'guild.installed',
  'guild.uninstalled',
  'guild.member_count_changed',
);

interface GuildFirsts {
  guildId: string;
  firstSeenAt: number;
  firstInstalledAt: number | null;
}

const earliest = (a: number | null, b: number | null) =>
  a === null ? b : b === null ? a : Math.min(a, b);

/** Per guild of the batch: its earliest event of any type and its earliest install. */
function guildFirsts(events: readonly RecordedEvent[]): GuildFirsts[] {
  const guilds = new Map<string, GuildFirsts>();
  for (const { event } of events) {
    if (event.guildId === null) continue;
    const at = Date.parse(event.occurredAt);
    const installAt = event.type === 'guild.installed' ? at : null;
    const known = guilds.get(event.guildId);
    guilds.set(event.guildId, {
      guildId: event.guildId,
      firstSeenAt: Math.min(known?.firstSeenAt ?? at, at),
      firstInstalledAt: earliest(known?.firstInstalledAt ?? null, installAt),
    });
  }
  return [...guilds.values()];
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** kd.analytics_guilds (first sightings) and the install and member-count timelines. */
export async function writeGuildState(
  tx: EntityManager,
  at: Tables,
  events: readonly RecordedEvent[],
): Promise<void> {
  const firsts = guildFirsts(events);
  if (firsts.length === 0) return;
  await tx.query(
    `INSERT INTO ${at('guilds')} AS g (guild_id, first_seen_at, first_installed_at)
     SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::timestamptz[])
     ON CONFLICT (guild_id) DO UPDATE
     SET first_seen_at = LEAST(g.first_seen_at, EXCLUDED.first_seen_at),
         first_installed_at = LEAST(g.first_installed_at, EXCLUDED.first_installed_at)`,
    columns(
      firsts,
      (g) => g.guildId,
      (g) => iso(g.firstSeenAt),
      (g) => iso(g.firstInstalledAt),
    ),
  );
  await writeInstalls(tx, at, events);
  await writeMemberCounts(tx, at, events);
}

async function writeInstalls(
  tx: EntityManager,
  at: Tables,
  events: readonly RecordedEvent[],
): Promise<void> {
  const installs = guildEvents
    .of(events, 'guild.installed', 'guild.uninstalled')
    .filter((r) => r.event.guildId !== null);
  if (installs.length === 0) return;
  await tx.query(
    `INSERT INTO ${at('guild_installs')} (seq, guild_id, occurred_at, installed)
     SELECT * FROM unnest($1::bigint[], $2::text[], $3::timestamptz[], $4::boolean[])`,
    columns(
      installs,
      (r) => r.seq,
      (r) => r.event.guildId,
      (r) => r.event.occurredAt,
      (r) => r.event.type === 'guild.installed',
    ),
  );
}

/** A (re)install without a count does not erase a known one: only known counts are rows. */
async function writeMemberCounts(tx: EntityManager, at: Tables, events: readonly RecordedEvent[]) {
  const counts = guildEvents
    .of(events, 'guild.installed', 'guild.member_count_changed')
    .flatMap((r) =>
      r.event.payload.memberCount === null || r.event.guildId === null
        ? []
        : [
            {
              seq: r.seq,
              guildId: r.event.guildId,
              at: r.event.occurredAt,
              n: r.event.payload.memberCount,
            },
          ],
    );
  if (counts.length === 0) return;
  await tx.query(
    `INSERT INTO ${at('member_counts')} (seq, guild_id, occurred_at, member_count)
     SELECT * FROM unnest($1::bigint[], $2::text[], $3::timestamptz[], $4::bigint[])`,
    columns(
      counts,
      (c) => c.seq,
      (c) => c.guildId,
      (c) => c.at,
      (c) => c.n,
    ),
  );
}
