import 'reflect-metadata';
import { loadConfigOrExit } from '@kd/config';
import { configSecrets, createLogger } from '@kd/observability';
import { createHttpApp, listen } from '@kd/platform';
import { notifierConfigSchema } from './notifier.config.js';
import { NotifierModule } from './notifier.module.js';
import { NOTIFIER_DURABLE, NotifierTransport } from './notifier.transport.js';

async function main(): Promise<void> {
  const config = loadConfigOrExit('notifier', notifierConfigSchema);
  const logger = createLogger({
    service: 'notifier',
    level: config.LOG_LEVEL,
    secrets: configSecrets(config),
  });
  const options = {
    logger,
    port: config.HTTP_PORT,
    requestTimeoutMs: config.HTTP_REQUEST_TIMEOUT_MS,
  };
  const app = await createHttpApp(NotifierModule.forRoot(config, logger), options);
  await listen(app, options);
  if (!config.DISCORD_TOKEN) {
    logger.warn('DISCORD_TOKEN is not set: consuming no events, sending no notifications');
    return;
  }
  const transport = await app.get(NotifierTransport).create();
  app.connectMicroservice({ strategy: transport }, { inheritAppConfig: true });
  await app.startAllMicroservices();
  logger.info({ durable: NOTIFIER_DURABLE }, 'notifications running');
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${JSON.stringify({ level: 'fatal', service: 'notifier', message: 'start-up failed', err: String(error) })}\n`,
  );
  process.exit(1);
});
