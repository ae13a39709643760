import 'reflect-metadata';
import { loadConfigOrExit } from '@kd/config';
import { configSecrets, createLogger } from '@kd/observability';
import { createHttpApp, listen } from '@kd/platform';
import { projectorConfigSchema } from './projector.config.js';
import { ProjectorModule } from './projector.module.js';
import { ProjectorService } from './projector.service.js';

async function main(): Promise<void> {
  const config = loadConfigOrExit('projector', projectorConfigSchema);
  const logger = createLogger({
    service: 'projector',
    level: config.LOG_LEVEL,
    secrets: configSecrets(config),
  });
  const options = {
    logger,
    port: config.HTTP_PORT,
    requestTimeoutMs: config.HTTP_REQUEST_TIMEOUT_MS,
  };
  const app = await createHttpApp(ProjectorModule.forRoot(config, logger), options);
  await listen(app, options);
  const transport = await app.get(ProjectorService).createTransport();
  app.connectMicroservice({ strategy: transport }, { inheritAppConfig: true });
  await app.startAllMicroservices();
  logger.info('projections running');
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${JSON.stringify({ level: 'fatal', service: 'projector', message: 'start-up failed', err: String(error) })}\n`,
  );
  process.exit(1);
});
