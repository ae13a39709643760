import type { DataSource } from 'typeorm';
import { register } from 'prom-client';
import type { REST } from '@discordjs/rest';
import { createCommandDispatcher } from '@kd/commands';
import { createDiscordRest, type CommandDispatcher } from '@kd/discord';
import type { EventStore } from '@kd/event-store';
import { GuildConfigService, createGuildConfigMetrics, loadDefaultConfig } from '@kd/guild-config';
import type { KalturaClient } from '@kd/kaltura';
import { MeetingQueries, MeetingService } from '@kd/meetings';
import type { Logger } from '@kd/observability';
import type { DatabaseHolder } from '@kd/projections';
import type { ApiConfig } from '../api.config.js';

export interface CommandRuntime {
  dispatcher: CommandDispatcher;
  guildConfig: GuildConfigService;
  meetings: MeetingService | undefined;
  meetingQueries: MeetingQueries;
  rest: REST;
}

/**
 * Read models are reached through the process's pool, which may connect after start-up: the
 * queries get a DataSource-shaped view that resolves the pool on every call.
 */
function lazyDataSource(db: DatabaseHolder): DataSource {
  return {
    query: (sql: string, params?: unknown[]) => db.dataSource.query(sql, params),
  } as unknown as DataSource;
}

export function createCommandRuntime(deps: {
  config: ApiConfig;
  store: EventStore;
  db: DatabaseHolder;
  kaltura: KalturaClient | undefined;
  logger: Logger;
}): CommandRuntime {
  const { config, store, db, kaltura, logger } = deps;
  const guildConfig = new GuildConfigService({
    store,
    defaults: loadDefaultConfig(),
    logger,
    metrics: createGuildConfigMetrics(register),
    dataSource: () => db.dataSource,
  });
  const meetings = kaltura
    ? new MeetingService({ store, kaltura, logger, metrics: register })
    : undefined;
  const meetingQueries = new MeetingQueries(lazyDataSource(db));
  const dispatcher = createCommandDispatcher(
    { store, guildConfig, meetingQueries, meetings, kaltura, logger },
    register,
  );
  const rest = createDiscordRest({
    token: config.DISCORD_TOKEN,
    apiUrl: config.DISCORD_API_URL,
    registry: register,
    logger,
  });
  return { dispatcher, guildConfig, meetings, meetingQueries, rest };
}
