import { z } from 'zod';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import {
  parseCli,
  usageFailure,
  type CliOptions,
  type CliParsed,
  type CliSpec,
  type CliValues,
} from '@kd/cli';
import { loadConfigOrExit, commonEnv } from '@kd/config';
import { connectNats, ensureStream, natsAuthOf } from '@kd/event-store';
import { createLogger, type Logger } from '@kd/observability';
import { createDataSource, type MigrationClass } from '@kd/projections';

const cliSchema = z.object({
  ...commonEnv,
  PROJECTION_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(1000),
  PROJECTION_MAX_WAIT_MS: z.coerce.number().int().min(1).default(100),
  /** migrate: the password kd_analytics (Grafana, analysts) logs in with; unset = leave it. */
  KD_ANALYTICS_PASSWORD: z.string().min(12, 'use at least 12 characters').optional(),
  /** migrate: the password the apps' role kd_app logs in with; unset = leave it. */
  KD_APP_PASSWORD: z.string().min(12, 'use at least 12 characters').optional(),
});
export type CliConfig = z.output<typeof cliSchema>;

export function cliConfig(name: string): { config: CliConfig; logger: Logger } {
  const config = loadConfigOrExit(name, cliSchema);
  return {
    config,
    logger: createLogger({
      service: name,
      level: config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL,
    }),
  };
}

/**
 * The CLI's pool. `migrate` and `rebuild` pass `unbounded` (an index build or a rebuild's
 * truncation may outlast any bound); `status` keeps `DATABASE_STATEMENT_TIMEOUT_MS`.
 */
export async function openDatabase(
  config: CliConfig,
  name: string,
  unbounded = false,
  migrations: readonly MigrationClass[] = [],
) {
  const dataSource = createDataSource({
    url: config.DATABASE_URL,
    applicationName: name,
    poolSize: 2,
    statementTimeoutMs: unbounded ? 0 : config.DATABASE_STATEMENT_TIMEOUT_MS,
    migrations,
  });
  await dataSource.initialize();
  return dataSource;
}

/** `scale`: bring an existing stream to `KD_STREAM_REPLICAS` too (migrate --stream, as admin). */
export async function openNats(config: CliConfig, logger: Logger, name: string, scale = false) {
  const auth = natsAuthOf(config);
  const nc = await connectNats({ url: config.NATS_URL, auth, name, logger, maxAttempts: 3 });
  const jsm = await jetstreamManager(nc);
  await ensureStream(jsm, {
    stream: config.KD_STREAM,
    subjectPrefix: config.KD_SUBJECT_PREFIX,
    replicas: config.KD_STREAM_REPLICAS,
    scaleReplicas: scale,
  });
  return { nc, js: jetstream(nc), jsm };
}

/**
 * Runs a CLI body with its parsed command line (@kd/cli): `--help` prints the usage, a bad
 * command line the problem and the usage (exit 2); a failure prints a one-line error (exit 1).
 */
export function runCli<S extends CliOptions>(
  name: string,
  spec: CliSpec<S>,
  body: (values: CliValues<S>, positionals: string[]) => Promise<void>,
): void {
  let parsed: CliParsed<S>;
  try {
    parsed = parseCli(spec, process.argv.slice(2));
  } catch (error) {
    process.exit(usageFailure(name, error, (text) => process.stderr.write(text)) ?? 1);
  }
  if (parsed.help) {
    process.stdout.write(parsed.usage);
    process.exit(0);
  }
  body(parsed.values, parsed.positionals).then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`${name}: ${(error as Error)?.message ?? String(error)}\n`);
      process.exit(1);
    },
  );
}
