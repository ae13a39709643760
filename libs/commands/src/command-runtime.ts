import type { DataSource } from 'typeorm';
import type { Registry } from 'prom-client';
import type { REST } from '@discordjs/rest';
import { createDiscordRest, type CommandDispatcher } from '@kd/discord';
import { LiveEvents, type EventStore, type NatsClients } from '@kd/event-store';
import { GuildConfigService, createGuildConfigMetrics, loadDefaultConfig } from '@kd/guild-config';
import { readGuildInsights } from '@kd/insights';
import { KalturaClient, createKalturaMetrics, type AppTokenHashType } from '@kd/kaltura';
import {
  MeetingQueries,
  MeetingService,
  VideoAccessService,
  VideoAccessStore,
  noVideoAccess,
  scopeOf,
} from '@kd/meetings';
import type { Logger } from '@kd/observability';
import type { DatabaseHolder } from '@kd/projections';
import { createCommandDispatcher } from './create-command-dispatcher.js';

/** The Kaltura settings an app passes through from its environment. */
export interface KalturaSettings {
  KALTURA_SERVICE_URL: string;
  KALTURA_PARTNER_ID?: string | undefined;
  KALTURA_ADMIN_SECRET?: string | undefined;
  KALTURA_APP_TOKEN_ID?: string | undefined;
  KALTURA_APP_TOKEN?: string | undefined;
  KALTURA_APP_TOKEN_HASH_TYPE?: AppTokenHashType | undefined;
  KALTURA_LAUNCH_URL?: string | undefined;
  KALTURA_TIMEOUT_MS: number;
}

export interface CommandRuntime {
  dispatcher: CommandDispatcher;
  guildConfig: GuildConfigService;
  meetings: MeetingService | undefined;
  meetingQueries: MeetingQueries;
  kaltura: KalturaClient | undefined;
  rest: REST;
  /** Stops hearing other processes' configuration changes. */
  close(): void;
}

export interface CommandRuntimeOptions {
  store: EventStore;
  db: DatabaseHolder;
  kaltura: KalturaSettings;
  discord: { token?: string | undefined; apiUrl: string };
  logger: Logger;
  registry: Registry;
  /**
   * Where to hear `config.*` events published by other processes, so a change made through one
   * transport is seen at once by the others (the cache's TTL is only the safety net).
   */
  live?: { nats: NatsClients; subjectPrefix: string };
}

/**
 * Everything the command handlers need, built the same way by every transport (HTTP endpoint,
 * gateway). Read models are reached through the process's pool, which may connect after start.
 */
export function createCommandRuntime(options: CommandRuntimeOptions): CommandRuntime {
  const { store, db, logger, registry } = options;
  const kaltura = kalturaClientFrom(options.kaltura, logger, registry);
  const guildConfig = new GuildConfigService({
    store,
    defaults: loadDefaultConfig(),
    logger,
    metrics: createGuildConfigMetrics(registry),
    dataSource: () => db.dataSource,
  });
  const videoAccess = videoAccessFrom(options);
  const meetings = kaltura
    ? new MeetingService({
        store,
        kaltura,
        logger,
        metrics: registry,
        ...(videoAccess ? { videoAccess } : {}),
      })
    : undefined;
  const meetingQueries = new MeetingQueries(lazyDataSource(db));
  const dispatcher = createCommandDispatcher(
    {
      store,
      guildConfig,
      meetingQueries,
      meetings,
      kaltura,
      // Without NATS there is nothing to read access from: nothing is searchable (fail closed).
      videoAccess: videoAccess ?? { scope: () => Promise.resolve(scopeOf(noVideoAccess)) },
      logger,
      insights: (guildId) => readGuildInsights(db.dataSource, guildId, 2_000),
    },
    registry,
  );
  const rest = createDiscordRest({
    token: options.discord.token,
    apiUrl: options.discord.apiUrl,
    registry,
    logger,
  });
  const live =
    options.live &&
    new LiveEvents({
      ...options.live,
      aggregate: 'config',
      logger,
      onEvent: (event) => guildConfig.invalidateOn(event),
    });
  return {
    dispatcher,
    guildConfig,
    meetings,
    meetingQueries,
    kaltura,
    rest,
    close: () => live?.close(),
  };
}

function videoAccessFrom(options: CommandRuntimeOptions): VideoAccessService | undefined {
  const live = options.live;
  if (!live) return undefined;
  const access = new VideoAccessStore({
    js: () => live.nats.js,
    subjectPrefix: live.subjectPrefix,
  });
  return new VideoAccessService(options.store, access);
}

function lazyDataSource(db: DatabaseHolder): DataSource {
  return {
    query: (sql: string, params?: unknown[]) => db.dataSource.query(sql, params),
  } as unknown as DataSource;
}

/**
 * The Kaltura client when credentials are set (an app token wins over the admin secret);
 * otherwise undefined (commands say KALTURA.NOT_CONFIGURED).
 */
function kalturaClientFrom(
  settings: KalturaSettings,
  logger: Logger,
  registry: Registry,
): KalturaClient | undefined {
  const appToken =
    settings.KALTURA_APP_TOKEN_ID && settings.KALTURA_APP_TOKEN
      ? {
          id: settings.KALTURA_APP_TOKEN_ID,
          token: settings.KALTURA_APP_TOKEN,
          hashType: settings.KALTURA_APP_TOKEN_HASH_TYPE ?? 'SHA1',
        }
      : undefined;
  if (!settings.KALTURA_PARTNER_ID || (!appToken && !settings.KALTURA_ADMIN_SECRET)) {
    logger.warn('Kaltura credentials not set: meeting and video commands are unavailable');
    return undefined;
  }
  logger.info(
    { credentials: appToken ? 'app_token' : 'admin_secret' },
    appToken
      ? 'Kaltura sessions come from the app token'
      : 'Kaltura sessions are signed with the admin secret (development; use an app token in production)',
  );
  return new KalturaClient({
    serviceUrl: settings.KALTURA_SERVICE_URL,
    partnerId: settings.KALTURA_PARTNER_ID,
    ...(appToken ? { appToken } : { adminSecret: settings.KALTURA_ADMIN_SECRET }),
    ...(settings.KALTURA_LAUNCH_URL ? { launchBaseUrl: settings.KALTURA_LAUNCH_URL } : {}),
    timeoutMs: settings.KALTURA_TIMEOUT_MS,
    metrics: createKalturaMetrics(registry),
    logger,
  });
}
