import { Module, type DynamicModule } from '@nestjs/common';
import { register } from 'prom-client';
import { ChannelOwnership, createDiscordRest } from '@kd/discord';
import { EventStore, NatsClients, checkJetStream, createBackbone } from '@kd/event-store';
import {
  GuildConfigService,
  createGuildConfigMetrics,
  loadDefaultConfig,
  type GuildConfig,
} from '@kd/guild-config';
import type { Logger } from '@kd/observability';
import { AppPlatformModule } from '@kd/platform';
import { editChannelMessage, ownRetries, postChannelMessage } from './delivery/discord-poster.js';
import { defaultRetryLimits } from './delivery/retry-policy.js';
import type { NotifierConfig } from './notifier.config.js';
import { NotifierController } from './notifier.controller.js';
import { NotifierTransport } from './notifier.transport.js';
import { LOGGER, NOTIFIER_CONFIG } from './notifier.tokens.js';
import { createNotificationMetrics } from './service/notification-metrics.js';
import { NotificationService } from './service/notification.service.js';
import { RemindersController } from './reminders/reminders.controller.js';
import { ReminderTicker } from './reminders/reminder-ticker.js';
import { reminderProviders } from './reminders/reminders.providers.js';
import { ScheduledEventsController } from './scheduled-events/scheduled-events.controller.js';
import { scheduledEventProviders } from './scheduled-events/scheduled-events.providers.js';

/**
 * The notifier reads everything it needs from the event log (guild configuration, meetings,
 * outcomes): NATS is its only dependency besides Discord, so readiness checks NATS alone.
 */
@Module({})
export class NotifierModule {
  static forRoot(config: NotifierConfig, logger: Logger): DynamicModule {
    const { nats, store } = createBackbone(config, { app: 'notifier', logger, registry: register });
    const defaults = loadDefaultConfig();
    const guildConfig = new GuildConfigService({
      store,
      defaults,
      logger,
      metrics: createGuildConfigMetrics(register),
    });
    // Scheduled events and reminders: @discordjs/rest's own retries (they are not time-critical).
    const rest = createDiscordRest({
      token: config.DISCORD_TOKEN,
      apiUrl: config.DISCORD_API_URL,
      registry: register,
      logger,
    });
    return {
      module: NotifierModule,
      imports: [
        AppPlatformModule.forRoot({
          app: 'notifier',
          settings: config,
          checks: { nats: () => checkJetStream(nats) },
        }),
      ],
      controllers: [NotifierController, ScheduledEventsController, RemindersController],
      providers: [
        { provide: NOTIFIER_CONFIG, useValue: config },
        { provide: LOGGER, useValue: logger },
        { provide: NatsClients, useValue: nats },
        { provide: GuildConfigService, useValue: guildConfig },
        {
          provide: NotificationService,
          useValue: notificationService(config, store, guildConfig, defaults, logger),
        },
        NotifierTransport,
        ...scheduledEventProviders({ store, rest, logger }),
        ...reminderProviders({ store, nats, rest, guildConfig, logger }),
        ReminderTicker,
      ],
    };
  }
}

function notificationService(
  config: NotifierConfig,
  store: EventStore,
  guildConfig: GuildConfigService,
  defaults: GuildConfig,
  logger: Logger,
): NotificationService {
  const rest = ownRetries(
    createDiscordRest({
      token: config.DISCORD_TOKEN,
      apiUrl: config.DISCORD_API_URL,
      registry: register,
      logger,
    }),
    config.NOTIFY_REQUEST_TIMEOUT_MS,
  );
  return new NotificationService({
    store,
    guildConfig,
    channels: new ChannelOwnership({ rest, now: Date.now }),
    post: (message, signal) => postChannelMessage(rest, message, signal),
    edit: (edit, signal) => editChannelMessage(rest, edit, signal),
    defaults,
    policy: {
      maxAttempts: config.NOTIFY_MAX_ATTEMPTS,
      backoffMs: config.NOTIFY_BACKOFF_MS,
      ...defaultRetryLimits,
    },
    links: { recordingUrl: config.NOTIFY_RECORDING_URL },
    logger,
    metrics: createNotificationMetrics(register),
    maxEventAgeMs: config.NOTIFY_MAX_EVENT_AGE_MS,
  });
}
