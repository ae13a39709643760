import type { DataSource } from 'typeorm';
import type { PayloadOf } from '@kd/events';
import type { EventStore } from '@kd/event-store';
import type { Logger } from '@kd/observability';
import type { ConfigOverrides } from '../domain/overrides.js';
import type { GuildConfig } from '../schema/guild-config.schema.js';
import type { ChannelGuildCheck } from './channel-check.js';
import type { GuildConfigMetrics } from './guild-config-metrics.js';

export interface GuildConfigServiceOptions {
  store: Pick<EventStore, 'append' | 'readAggregate'>;
  defaults: GuildConfig;
  logger: Logger;
  metrics?: GuildConfigMetrics;
  /** The read model, for listing; not needed to get or change a guild's configuration. */
  dataSource?: () => DataSource;
  cache?: { maxEntries?: number; ttlMs?: number };
  /** Retries after a concurrent change before CONFIG.CONFLICT. */
  maxRetries?: number;
  now?: () => Date;
  /**
   * Asks Discord whether a channel belongs to the guild; without it, setting a
   * `notifications.channels.*` key to a channel id is refused (CONFIG.CHANNEL_CHECK_UNAVAILABLE).
   */
  channels?: ChannelGuildCheck;
}

/** A guild's configuration as the event log has it. */
export interface GuildConfigView {
  guildId: string;
  effective: GuildConfig;
  overrides: ConfigOverrides;
  /** Keys whose effective value differs from the defaults. */
  changedKeys: readonly string[];
  lastSeq: number;
}

export type UpdateOutcome =
  | { changed: false; key: string; value: unknown }
  | ({ changed: true; seq: number; eventId: string } & PayloadOf<'config.updated'>);

export type ResetOutcome =
  | { changed: false; section: string }
  | ({ changed: true; seq: number; eventId: string } & PayloadOf<'config.reset'>);

export interface ImportOutcome {
  applied: string[];
  unchanged: string[];
}
