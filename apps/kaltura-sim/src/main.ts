import 'reflect-metadata';
import { ConfigError, loadConfig } from '@kd/config';
import { configSecrets, createLogger } from '@kd/observability';
import { createKalturaSim } from './kaltura-sim.js';
import { kalturaSimEnv, SIM_DEV_ADMIN_SECRET } from './kaltura-sim.config.js';

async function main(): Promise<void> {
  const config = loadConfig('kaltura-sim', kalturaSimEnv);
  const logger = createLogger({
    service: 'kaltura-sim',
    level: config.LOG_LEVEL,
    secrets: configSecrets(config),
  });
  if (config.KALTURA_ADMIN_SECRET === SIM_DEV_ADMIN_SECRET)
    logger.warn('using the built-in development admin secret');
  const sim = await createKalturaSim(config, { logger });
  logger.info({ url: sim.url, partnerId: config.KALTURA_PARTNER_ID }, 'listening');
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof ConfigError ? error.message : String((error as Error)?.stack ?? error)}\n`,
  );
  process.exit(1);
});
