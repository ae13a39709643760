import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '@kd/event-store';
import type { EventType } from '@kd/events';
import { flattenConfig, loadDefaultConfig, type FlatConfig } from '@kd/guild-config';
import type { Projection, TableTarget } from '@kd/projections';
import { analyticsTableNames, firstCopies, tablesIn } from './analytics-batch.js';
import { commandEvents, writeCommandActivity } from './command-activity.sql.js';
import { configEvents, writeConfigState } from './config-state.sql.js';
import { keepNewIds } from './event-ids.sql.js';
import { guildEvents, writeGuildState } from './guild-state.sql.js';
import { meetingEvents } from './meeting-rows.js';
import { writeMeetingState } from './meeting-state.sql.js';
import { personEvents, writePersonLinks } from './person-links.sql.js';

const tables = analyticsTableNames.map((t) => `analytics_${t}`);

/** Every event type a writer reads, from the writers' declarations (docs/analytics.md). */
export const analyticsEventTypes: readonly EventType[] = [
  ...guildEvents.types,
  ...configEvents.types,
  ...commandEvents.types,
  ...meetingEvents.types,
  ...personEvents.types,
];

/**
 * Events that feed an analytics table: anything carrying a guild (its first sighting, and the
 * event id), and the meeting and person events, which count without one.
 */
const guildless: ReadonlySet<string> = new Set([...meetingEvents.types, ...personEvents.types]);
const isRelevant = ({ event }: RecordedEvent) =>
  event.guildId !== null || guildless.has(event.type);

/** Bump when the tables or `apply` change meaning (2: participants folded onto people). */
const CODE_VERSION = 2;

/**
 * The projection's version: CODE_VERSION × 2^20 plus a 20-bit fingerprint of the defaults. The
 * override flags compare each guild with the defaults, so a changed config/default_config.json
 * changes the version and the runner rebuilds the projection at the next start.
 */
export function analyticsVersion(defaults: FlatConfig): number {
  const text = [...defaults]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${JSON.stringify(key)}:${value}`)
    .join('\n');
  const fingerprint = createHash('sha256').update(text).digest().readUInt32BE(0) & 0xfffff;
  return CODE_VERSION * 2 ** 20 + fingerprint;
}

/**
 * The facts behind the `analytics` views (docs/analytics.md): per-guild timelines, command
 * activity per day, configuration override flags and meetings, all keyed by occurred_at so the
 * views can evaluate any "as of" instant. Each event id is applied once (first copy wins).
 * The defaults are loaded on first use (the version needs them).
 */
export function createAnalyticsProjection(loadDefaults: () => unknown): Projection {
  let defaults: FlatConfig | undefined;
  let version: number | undefined;
  const flatDefaults = () => (defaults ??= flattenConfig(loadDefaults()));
  return {
    name: 'analytics',
    get version() {
      return (version ??= analyticsVersion(flatDefaults()));
    },
    tables,
    handles: 'all',
    shadowRebuild: true,
    async apply(
      events: readonly RecordedEvent[],
      tx: EntityManager,
      target: TableTarget,
    ): Promise<void> {
      const at = tablesIn(target);
      const fresh = await keepNewIds(tx, at, firstCopies(events.filter(isRelevant)));
      if (fresh.length === 0) return;
      await writeGuildState(tx, at, fresh);
      await writeConfigState(tx, at, fresh, flatDefaults());
      await writeCommandActivity(tx, at, fresh);
      // Links first: this batch's participants then fold with them.
      await writePersonLinks(tx, at, fresh);
      await writeMeetingState(tx, at, fresh);
    },
    async reset(tx: EntityManager): Promise<void> {
      await tx.query(`TRUNCATE ${tables.map((t) => `kd.${t}`).join(', ')}`);
    },
  };
}

export const analyticsProjection = createAnalyticsProjection(() => loadDefaultConfig());
