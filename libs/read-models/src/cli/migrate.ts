import {
  appRole,
  assignSchemasTo,
  ensureDatabase,
  runMigrations,
  setRolePassword,
} from '@kd/projections';
import { setAnalyticsPassword } from '@kd/analytics';
import { migrations } from '../registry.js';
import type { CliOptions, CliSpec } from '@kd/cli';
import { cliConfig, openDatabase, openNats, runCli } from './cli-context.js';

/**
 * `npm run migrations:run`: creates the database if missing, applies pending migrations, gives
 * schemas kd and analytics to the apps' role kd_app, and sets the passwords of kd_app and of the
 * read-only kd_analytics role when KD_APP_PASSWORD and KD_ANALYTICS_PASSWORD are given. With
 * `--stream` it also creates the event stream or brings it to its settings, which the apps' NATS
 * users may not do (infra/nats/nats.conf): compose runs it so as NATS user admin. It also scales
 * an existing stream to KD_STREAM_REPLICAS (the apps only use it when they create the stream).
 */
const spec = {
  command: 'npm run migrations:run --',
  synopsis: '[--stream]',
  summary:
    'Creates the database if missing, applies pending migrations, hands schemas kd and analytics to kd_app, sets the passwords of kd_app / kd_analytics when KD_APP_PASSWORD / KD_ANALYTICS_PASSWORD are set.',
  options: {
    stream: {
      type: 'boolean',
      description: 'also create the event stream or bring it to its settings (NATS user admin)',
    },
  },
  epilogue: 'Environment: DATABASE_URL, NATS_URL, KD_STREAM, KD_SUBJECT_PREFIX (as the apps).',
} satisfies CliSpec<CliOptions>;

runCli('migrate', spec, async (options) => {
  const { config, logger } = cliConfig('migrate');
  if (options.stream) {
    const { nc } = await openNats(config, logger, 'kd-migrate', true);
    await nc.drain();
    process.stdout.write(`stream ${config.KD_STREAM} ready\n`);
  }
  const created = await ensureDatabase(config.DATABASE_URL);
  const dataSource = await openDatabase(config, 'kd-migrate', true, migrations);
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
