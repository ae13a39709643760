import { runMigrations } from '../data-source.js';
import { ensureDatabase } from '../ensure-database.js';
import { cliConfig, openDatabase, runCli } from './cli-context.js';

/** `npm run migrations:run`: creates the database if missing, applies pending migrations. */
runCli('migrate', async () => {
  const { config } = cliConfig('migrate');
  const created = await ensureDatabase(config.DATABASE_URL);
  const dataSource = await openDatabase(config, 'kd-migrate');
  try {
    const applied = await runMigrations(dataSource);
    const database = new URL(config.DATABASE_URL).pathname.slice(1);
    process.stdout.write(
      `${created ? `created database ${database}; ` : ''}${applied.length ? `applied ${applied.join(', ')}` : 'no pending migrations'}\n`,
    );
  } finally {
    await dataSource.destroy();
  }
});
