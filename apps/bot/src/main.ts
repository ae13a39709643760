import 'reflect-metadata';
import { runHttpApp } from '@kd/platform';
import { botConfigSchema } from './bot.config.js';
import { BotModule } from './bot.module.js';
import { GatewayService } from './gateway/gateway.service.js';

runHttpApp({
  service: 'bot',
  schema: botConfigSchema,
  module: (config, logger) => BotModule.forRoot(config, logger),
  started: (app) => app.get(GatewayService).start(),
});
