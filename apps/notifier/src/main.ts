import 'reflect-metadata';
import { runHttpApp } from '@kd/platform';
import { notifierConfigSchema } from './notifier.config.js';
import { NotifierModule } from './notifier.module.js';
import { NOTIFIER_DURABLE, NotifierTransport } from './notifier.transport.js';
import { ReminderTicker } from './reminders/reminder-ticker.js';

runHttpApp({
  service: 'notifier',
  schema: notifierConfigSchema,
  module: (config, logger) => NotifierModule.forRoot(config, logger),
  async started(app, config, logger) {
    if (!config.DISCORD_TOKEN) {
      logger.warn('DISCORD_TOKEN is not set: consuming no events, sending no notifications');
      return;
    }
    const transport = await app.get(NotifierTransport).create();
    app.connectMicroservice({ strategy: transport }, { inheritAppConfig: true });
    await app.startAllMicroservices();
    app.get(ReminderTicker).start();
    logger.info({ durable: NOTIFIER_DURABLE }, 'notifications running');
  },
});
