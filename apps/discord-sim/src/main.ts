import { loadConfigOrExit } from '@kd/config';
import { configSecrets, createLogger } from '@kd/observability';
import { createDiscordSim } from './discord-sim.js';
import { discordSimEnv, SIM_DEV_BOT_TOKEN } from './discord-sim.config.js';

async function main(): Promise<void> {
  const config = loadConfigOrExit('discord-sim', discordSimEnv);
  const logger = createLogger({
    service: 'discord-sim',
    level: config.LOG_LEVEL,
    secrets: configSecrets(config),
  });
  if (config.DISCORD_SIM_BOT_TOKEN === SIM_DEV_BOT_TOKEN)
    logger.warn('using the built-in development bot token (a local stand-in for Discord)');
  const sim = await createDiscordSim(config, { logger });
  if (!config.DISCORD_SIM_PRIVATE_KEY)
    logger.info(
      { publicKey: sim.publicKeyHex },
      'generated a key pair: give the api DISCORD_PUBLIC_KEY=<publicKey>',
    );
  const shutdown = () => void sim.close().finally(() => process.exit(0));
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
  logger.info(
    {
      url: sim.url,
      publicKey: sim.publicKeyHex,
      applicationId: sim.applicationId,
      interactionsUrl: config.DISCORD_SIM_INTERACTIONS_URL,
    },
    'listening',
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${String((error as Error)?.stack ?? error)}\n`);
  process.exit(1);
});
