import type { Registry } from 'prom-client';
import type { REST } from '@discordjs/rest';
import { ChannelOwnership, createDiscordRest, type CommandDispatcher } from '@kd/discord';
import { systemClock, type Clock } from '@kd/events';
import {
  KvBucket,
  LiveEvents,
  RateWindows,
  bucketName,
  personKeysOf,
  type EventStore,
  type NatsClients,
} from '@kd/event-store';
import { GuildConfigService, createGuildConfigMetrics, loadDefaultConfig } from '@kd/guild-config';
import { readGuildInsightsWithTrends } from '@kd/analytics';
import { KalturaClient, createKalturaMetrics, type AppTokenHashType } from '@kd/kaltura';
import {
  DiscordEventFacts,
  MeetingDirectory,
  MeetingQueries,
  MeetingService,
  PeopleService,
  PersonLinks,
  VideoAccessService,
  VideoAccessStore,
  noVideoAccess,
  scopeOf,
} from '@kd/meetings';
import type { Logger } from '@kd/observability';
import { PendingKalturaDeletions, PersonForgetService, checkpointFloor } from '@kd/privacy';
import type { DatabaseHolder } from '@kd/projections';
import { createCommandDispatcher } from './create-command-dispatcher.js';
import { InteractionReservations } from './interaction-reservations.js';
import { ReplyPolicy } from './replies/reply-policy.js';
import { StartRateLimiter } from './limits/start-rate-limiter.js';
import { PendingChanges } from './settings/pending-changes.js';

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
  /** Discord members as Kaltura users; its pending links are retried by the api's people sweeper. */
  people: PeopleService | undefined;
  /** The meetings read model, through the process's pool (DATABASE.UNAVAILABLE before it connects). */
  meetingQueries: () => MeetingQueries;
  kaltura: KalturaClient | undefined;
  /** Forgets a person on request (docs/privacy.md): `/kaltura-forget-me`, REST and CLI share it. */
  forgetter: PersonForgetService;
  rest: REST;
  /** Claims an interaction once, then answers it within Discord's window: both transports use it. */
  replies: ReplyPolicy;
  /** What Discord says about meetings' scheduled events (the gateway's RSVPs), recorded. */
  discordEventFacts: DiscordEventFacts;
  /** Stops hearing other processes' configuration changes. */
  close(): void;
}

export interface CommandRuntimeOptions {
  store: EventStore;
  db: DatabaseHolder;
  /** Analytics reads (`/kaltura-stats`): a read replica's pool; default `db`. */
  reads?: DatabaseHolder;
  kaltura: KalturaSettings;
  discord: { token?: string | undefined; apiUrl: string };
  logger: Logger;
  registry: Registry;
  /**
   * Where to hear `config.*` events published by other processes, so a change made through one
   * transport is seen at once by the others (the cache's TTL is only the safety net).
   */
  live?: { subjectPrefix: string };
  /** Where the handlers read the time (default the system clock). */
  clock?: Clock;
  /**
   * The process's NATS connection, for the key-value buckets of the stream: Kaltura room →
   * meeting (webhooks decided from durable state) and interaction reservations.
   */
  nats: NatsClients;
  /** `/kaltura-start` limits, counted in a KV bucket beside the stream; absent: no limit. */
  startLimits?: StartRateLimitSettings;
  /** How long a forget waits for the projections before its key is left to the sweep. */
  forgetWaitMs?: number;
}

/** The limit settings an app passes through from its environment. */
export interface StartRateLimitSettings {
  START_RATE_LIMIT_PER_USER: number;
  START_RATE_LIMIT_PER_GUILD: number;
  START_RATE_LIMIT_WINDOW_SECONDS: number;
}

/**
 * Everything the command handlers need, built the same way by every transport (HTTP endpoint,
 * gateway). Read models are reached through the process's pool, which may connect after start.
 */
export function createCommandRuntime(options: CommandRuntimeOptions): CommandRuntime {
  const { store, db, logger, registry } = options;
  const clock = options.clock ?? systemClock;
  const kaltura = kalturaClientFrom(options.kaltura, logger, registry);
  const rest = createDiscordRest({
    token: options.discord.token,
    apiUrl: options.discord.apiUrl,
    registry,
    logger,
  });
  const guildConfig = new GuildConfigService({
    store,
    defaults: loadDefaultConfig(),
    logger,
    metrics: createGuildConfigMetrics(registry),
    dataSource: () => db.dataSource,
    now: clock,
    // A channel setting must name a channel of the guild (DESIGN §6b), asked of Discord.
    channels: new ChannelOwnership({ rest, now: () => clock().getTime() }),
  });
  const directory = meetingDirectory(options.nats, store.stream);
  const videoAccess = videoAccessFrom(options);
  const links = personLinks(options.nats, store.stream);
  const people =
    kaltura &&
    new PeopleService({
      kaltura,
      store,
      links,
      logger,
      now: clock,
    });
  const meetings = kaltura
    ? new MeetingService({
        store,
        kaltura,
        logger,
        metrics: registry,
        directory,
        now: clock,
        ...(videoAccess ? { videoAccess } : {}),
        ...(people ? { people } : {}),
      })
    : undefined;
  const meetingQueries = () => new MeetingQueries(db.dataSource);
  const forgetter = personForgetService(options, kaltura, links);
  const discordEventFacts = new DiscordEventFacts(store, logger, directory);
  const dispatcher = createCommandDispatcher(
    {
      store,
      guildConfig,
      meetingQueries,
      meetings,
      kaltura,
      forgetter,
      // Without NATS there is nothing to read access from: nothing is searchable (fail closed).
      videoAccess: videoAccess ?? { scope: () => Promise.resolve(scopeOf(noVideoAccess)) },
      logger,
      insights: (guildId) =>
        readGuildInsightsWithTrends((options.reads ?? db).dataSource, guildId, {
          timeoutMs: 2_000,
          now: clock(),
        }),
      startLimits:
        options.startLimits && startRateLimiter(options.nats, store.stream, options.startLimits),
      pendingChanges: new PendingChanges(options.nats, store.stream),
      discordEvents: { rest, facts: discordEventFacts },
      now: clock,
    },
    registry,
  );
  const live =
    options.live &&
    new LiveEvents({
      nats: options.nats,
      subjectPrefix: options.live.subjectPrefix,
      aggregate: 'config',
      logger,
      onEvent: (event) => guildConfig.invalidateOn(event),
    });
  return {
    dispatcher,
    guildConfig,
    meetings,
    people,
    meetingQueries,
    kaltura,
    forgetter,
    rest,
    discordEventFacts,
    replies: new ReplyPolicy({
      dispatcher,
      reservations: new InteractionReservations(options.nats, store.stream),
      logger,
    }),
    close: () => live?.close(),
  };
}

/** Rooms are kept; a parked notification whose meeting never appears goes after a week. */
function meetingDirectory(nats: NatsClients, stream: string): MeetingDirectory {
  return new MeetingDirectory(
    new KvBucket({ nats, name: bucketName(stream, 'ROOMS') }),
    new KvBucket({ nats, name: bucketName(stream, 'PARKED'), maxAgeMs: 7 * 24 * 3600 * 1000 }),
  );
}

/** Known links (the cache that spares Kaltura a call per join) and links waiting for a retry. */
function personLinks(nats: NatsClients, stream: string): PersonLinks {
  const keys = personKeysOf({ nats, stream });
  return new PersonLinks(
    new KvBucket({ nats, name: bucketName(stream, 'PEOPLE') }),
    new KvBucket({ nats, name: bucketName(stream, 'PEOPLE_PENDING') }),
    (discordUserId) => keys.pseudonymOf(discordUserId, 'people'),
  );
}

function startRateLimiter(
  nats: NatsClients,
  stream: string,
  rules: StartRateLimitSettings,
): StartRateLimiter {
  const windowMs = rules.START_RATE_LIMIT_WINDOW_SECONDS * 1000;
  return new StartRateLimiter(new RateWindows({ nats, stream, maxAgeMs: windowMs * 2 }), {
    perUser: rules.START_RATE_LIMIT_PER_USER,
    perGuild: rules.START_RATE_LIMIT_PER_GUILD,
    windowMs,
  });
}

function videoAccessFrom(options: CommandRuntimeOptions): VideoAccessService | undefined {
  const { live, nats } = options;
  if (!live) return undefined;
  const access = new VideoAccessStore({
    js: () => nats.js,
    subjectPrefix: live.subjectPrefix,
    replicas: nats.replicas,
  });
  return new VideoAccessService(options.store, access);
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

function personForgetService(
  options: CommandRuntimeOptions,
  kaltura: KalturaClient | undefined,
  links: PersonLinks,
): PersonForgetService {
  const { store, nats, db, logger } = options;
  return new PersonForgetService({
    store,
    keys: personKeysOf({ nats, stream: store.stream }),
    pending: new PendingKalturaDeletions({ nats, stream: store.stream }),
    kaltura,
    // The people cache holds the display name: it goes with the person.
    forgetCached: (discordUserId) => links.drop(discordUserId),
    checkpointFloor: () => checkpointFloor(db.dataSource),
    logger,
    ...(options.forgetWaitMs === undefined ? {} : { waitMs: options.forgetWaitMs }),
  });
}
