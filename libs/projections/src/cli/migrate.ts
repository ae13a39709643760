import { setAnalyticsPassword } from '../analytics/analytics-role.js';
import { runMigrations } from '../data-source.js';
import { ensureDatabase } from '../ensure-database.js';
import { cliConfig, openDatabase, runCli } from './cli-context.js';

/**
 * `npm run migrations:run`: creates the database if missing, applies pending migrations, and sets
 * the password of the read-only kd_analytics role when KD_ANALYTICS_PASSWORD is given.
 */
runCli('migrate', async () => {
  const { config } = cliConfig('migrate');
  const created = await ensureDatabase(config.DATABASE_URL);
  const dataSource = await openDatabase(config, 'kd-migrate', true);
  try {
    const applied = await runMigrations(dataSource);
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
