import 'reflect-metadata';
import { loadConfigOrExit } from '@kd/config';
import { configSecrets, createLogger } from '@kd/observability';
import { createHttpApp, listen } from '@kd/platform';
import { botConfigSchema } from './bot.config.js';
import { BotModule } from './bot.module.js';
import { GatewayService } from './gateway/gateway.service.js';

async function main(): Promise<void> {
  const config = loadConfigOrExit('bot', botConfigSchema);
  const logger = createLogger({
    service: 'bot',
    level: config.LOG_LEVEL,
    secrets: configSecrets(config),
  });
  const options = {
    logger,
    port: config.HTTP_PORT,
    requestTimeoutMs: config.HTTP_REQUEST_TIMEOUT_MS,
  };
  const app = await createHttpApp(BotModule.forRoot(config, logger), options);
  await listen(app, options);
  app.get(GatewayService).start();
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${JSON.stringify({ level: 'fatal', service: 'bot', message: 'start-up failed', err: String(error) })}\n`,
  );
  process.exit(1);
});
