import 'reflect-metadata';
import { loadConfigOrExit } from '@kd/config';
import { configSecrets, createLogger } from '@kd/observability';
import { createHttpApp, listen } from '@kd/platform';
import { apiConfigSchema } from './api.config.js';
import { ApiModule } from './api.module.js';
import { jsonBodiesOnly } from './rest/json-only.middleware.js';

async function main(): Promise<void> {
  const config = loadConfigOrExit('api', apiConfigSchema);
  const logger = createLogger({
    service: 'api',
    level: config.LOG_LEVEL,
    secrets: configSecrets(config),
  });
  const options = {
    logger,
    port: config.HTTP_PORT,
    rawBody: true,
    bodyLimit: config.HTTP_BODY_LIMIT,
    requestTimeoutMs: config.HTTP_REQUEST_TIMEOUT_MS,
  };
  const app = await createHttpApp(ApiModule.forRoot(config, logger), options);
  app.use('/api/v1', jsonBodiesOnly());
  await listen(app, options);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${JSON.stringify({ level: 'fatal', service: 'api', message: 'start-up failed', err: String(error) })}\n`,
  );
  process.exit(1);
});
