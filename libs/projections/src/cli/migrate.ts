import { setAnalyticsPassword } from '../analytics/analytics-role.js';
import { appRole, assignSchemasTo, setRolePassword } from '../app-role.js';
import { runMigrations } from '../data-source.js';
import { ensureDatabase } from '../ensure-database.js';
import { cliConfig, openDatabase, openNats, runCli } from './cli-context.js';

/**
 * `npm run migrations:run`: creates the database if missing, applies pending migrations, gives
 * schemas kd and analytics to the apps' role kd_app, and sets the passwords of kd_app and of the
 * read-only kd_analytics role when KD_APP_PASSWORD and KD_ANALYTICS_PASSWORD are given. With
 * `--stream` it also creates the event stream or brings it to its settings, which the apps' NATS
 * users may not do (infra/nats/nats.conf): compose runs it so as NATS user admin. It also scales
 * an existing stream to KD_STREAM_REPLICAS (the apps only use it when they create the stream).
 */
runCli('migrate', async () => {
  const { config, logger } = cliConfig('migrate');
  if (process.argv.includes('--stream')) {
    const { nc } = await openNats(config, logger, 'kd-migrate', true);
    await nc.drain();
    process.stdout.write(`stream ${config.KD_STREAM} ready\n`);
  }
  const created = await ensureDatabase(config.DATABASE_URL);
  const dataSource = await openDatabase(config, 'kd-migrate', true);
  try {
    const applied = await runMigrations(dataSource);
    // What later migrations created belongs to the superuser running them until now.
    await assignSchemasTo(dataSource, appRole);
    if (config.KD_APP_PASSWORD) await setRolePassword(dataSource, appRole, config.KD_APP_PASSWORD);
    if (config.KD_ANALYTICS_PASSWORD)
      await setAnalyticsPassword(dataSource, config.KD_ANALYTICS_PASSWORD);
    const database = new URL(config.DATABASE_URL).pathname.slice(1);
    process.stdout.write(
      `${created ? `created database ${database}; ` : ''}${applied.length ? `applied ${applied.join(', ')}` : 'no pending migrations'}\n`,
    );
  } finally {
    await dataSource.destroy();
  }
});
