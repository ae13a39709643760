import pg from 'pg';
import { createProgress } from '@kd/cli';
import { flattenConfig, loadDefaultConfig } from '@kd/guild-config';
import { buildReport } from '../build-report.js';
import { periodBefore } from '../period.js';
import { writeReport } from '../write-report.js';
import { parseReportArgs, safeUrl, usage, UsageError } from './report-args.js';

export interface CliIo {
  env: NodeJS.ProcessEnv;
  out(line: string): void;
  err(line: string): void;
  now(): Date;
}

/** `npm run report`: exit code 0 when written, 2 for bad arguments, 1 for anything else. */
export async function runReportCli(argv: readonly string[], io: CliIo): Promise<number> {
  let args;
  try {
    args = parseReportArgs(argv, io.env, io.now());
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`report: ${error.message}\n\n${usage}`);
    return 2;
  }
  if ('help' in args) {
    io.out(usage);
    return 0;
  }
  const period = periodBefore(args.kind, args.asOf);
  // Connect, read, write: on a terminal only (stderr a TTY, CI unset).
  const progress = createProgress({
    label: `report ${args.kind} ${period.label}`,
    unit: 'steps',
    total: 3,
    clock: () => io.now(),
    intervalMs: 0,
  });
  const client = new pg.Client({
    connectionString: args.databaseUrl,
    application_name: 'kd-report',
    connectionTimeoutMillis: 10_000,
  });
  try {
    await client.connect().catch((error: unknown) => {
      throw new Error(
        `cannot connect to PostgreSQL at ${safeUrl(args.databaseUrl)}: ${describe(error)}`,
      );
    });
    progress.update(1);
    const report = await buildReport(client, period, {
      defaults: () => flattenConfig(loadDefaultConfig()),
      generatedAt: io.now().toISOString(),
      html: args.format === 'html',
    });
    progress.update(2);
    const paths = await writeReport(report, args.out);
    progress.update(3);
    progress.finish();
    for (const path of paths) io.out(path);
    if (report.quiet)
      io.err(`report: no activity in ${period.label} (no event occurred); written anyway`);
    return 0;
  } catch (error) {
    io.err(`report: ${explain(error)}`);
    return 1;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function describe(error: unknown): string {
  const e = error as { message?: string; code?: string; errors?: { message: string }[] };
  return e.errors?.[0]?.message ?? e.message ?? e.code ?? String(error);
}

/** One line: what failed and, for the usual causes, what to do. */
function explain(error: unknown): string {
  const message = describe(error).replace(/\s+/g, ' ');
  const code = (error as { code?: string }).code;
  if (code === '42P01' || code === '42883' || code === '3F000')
    return `${message} (the analytics views are missing: run npm run migrations:run)`;
  if (code === '42501') return `${message} (the role needs SELECT on schema analytics)`;
  return message;
}
