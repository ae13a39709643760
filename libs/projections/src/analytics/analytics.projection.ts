import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '@kd/event-store';
import { loadDefaultConfig } from '@kd/guild-config';
import type { Projection } from '../projection.js';
import { firstCopies, isRelevant } from './analytics-batch.js';
import { writeCommandActivity } from './command-activity.sql.js';
import { flatten, type FlatConfig } from './config-fold.js';
import { writeConfigState } from './config-state.sql.js';
import { keepNewIds } from './event-ids.sql.js';
import { writeGuildState } from './guild-state.sql.js';
import { writeMeetingState } from './meeting-state.sql.js';

const tables = [
  'event_ids',
  'guilds',
  'guild_installs',
  'member_counts',
  'config_events',
  'commands',
  'guild_days',
  'guild_day_users',
  'guild_day_commands',
  'meetings',
  'meeting_participants',
  'meeting_presence',
].map((t) => `kd.analytics_${t}`);

/**
 * The facts behind the `analytics` views (docs/analytics.md): per-guild timelines, command
 * activity per day, configuration override flags and meetings, all keyed by occurred_at so the
 * views can evaluate any "as of" instant. Each event id is applied once (first copy wins).
 * The override flags compare with the defaults given: after changing
 * config/default_config.json, rebuild this projection.
 */
export function createAnalyticsProjection(loadDefaults: () => unknown): Projection {
  let defaults: FlatConfig | undefined;
  return {
    name: 'analytics',
    version: 1,
    handles: 'all',
    async apply(events: readonly RecordedEvent[], tx: EntityManager): Promise<void> {
      const fresh = await keepNewIds(tx, firstCopies(events.filter(isRelevant)));
      if (fresh.length === 0) return;
      defaults ??= flatten(loadDefaults());
      await writeGuildState(tx, fresh);
      await writeConfigState(tx, fresh, defaults);
      await writeCommandActivity(tx, fresh);
      await writeMeetingState(tx, fresh);
    },
    async reset(tx: EntityManager): Promise<void> {
      await tx.query(`TRUNCATE ${tables.join(', ')}`);
    },
  };
}

export const analyticsProjection = createAnalyticsProjection(() => loadDefaultConfig());
