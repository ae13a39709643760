import type { Provider } from '@nestjs/common';
import type { REST } from '@discordjs/rest';
import { ChannelOwnership } from '@kd/discord';
import { KvBucket, bucketName, type EventStore, type KvBucketOptions } from '@kd/event-store';
import { systemClock } from '@kd/events';
import type { GuildConfigService } from '@kd/guild-config';
import type { Logger } from '@kd/observability';
import { postChannelMessage } from '../delivery/discord-poster.js';
import { PendingReminders } from './pending-reminders.js';
import { ReminderScheduler } from './reminder-scheduler.js';

export const REMINDER_CLOCK = Symbol('REMINDER_CLOCK');

export interface ReminderDeps {
  store: EventStore;
  nats: KvBucketOptions['nats'];
  rest: REST;
  guildConfig: GuildConfigService;
  logger: Logger;
}

/** The reminder scheduler over the `<stream>_REMINDERS` bucket, posting through `rest`. */
export function createReminderScheduler(deps: ReminderDeps): ReminderScheduler {
  const { store, nats, rest, guildConfig, logger } = deps;
  return new ReminderScheduler({
    store,
    pending: new PendingReminders(
      new KvBucket({ nats, name: bucketName(store.stream, 'REMINDERS') }),
    ),
    guildConfig,
    channels: new ChannelOwnership({ rest, now: Date.now }),
    post: (message) => postChannelMessage(rest, message),
    logger,
  });
}

export function reminderProviders(deps: ReminderDeps): Provider[] {
  return [
    { provide: ReminderScheduler, useValue: createReminderScheduler(deps) },
    { provide: REMINDER_CLOCK, useValue: systemClock },
  ];
}
