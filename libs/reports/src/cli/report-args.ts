import { CliUsageError, parseCli, usageOf, type CliOptions, type CliSpec } from '@kd/cli';
import { isReportKind, parseDay, PeriodError, reportKinds, type ReportKind } from '../period.js';

export interface ReportArgs {
  kind: ReportKind;
  /** The day the report is made on (UTC); the period is the complete one before it. */
  asOf: Date;
  out: string;
  databaseUrl: string;
  /** `html`: also a self-contained HTML page with charts (weekly). */
  format: ReportFormat;
}

export const reportFormats = ['markdown', 'html'] as const;
export type ReportFormat = (typeof reportFormats)[number];

const spec = {
  command: 'npm run report --',
  synopsis:
    'daily|weekly|monthly [--as-of YYYY-MM-DD] [--out DIR] [--database-url URL] [--format markdown|html]',
  summary:
    'Writes the report of the complete period before --as-of as Markdown and CSV, with --format html also as an HTML page with charts (weekly; docs/reports.md).',
  options: {
    'as-of': {
      type: 'string',
      value: 'YYYY-MM-DD',
      description: 'the day it is made on (UTC; default today)',
    },
    out: { type: 'string', value: 'DIR', description: 'where to write (default reports)' },
    format: {
      type: 'string',
      value: 'markdown|html',
      description: 'html: also a self-contained HTML page with SVG charts (weekly only)',
    },
    'database-url': {
      type: 'string',
      value: 'URL',
      description: 'PostgreSQL to read (default DATABASE_URL, else the local one)',
    },
  },
  positionals: { max: 1 },
} satisfies CliSpec<CliOptions>;

export const usage = usageOf(spec);

export class UsageError extends Error {}

/**
 * Parses the arguments after `npm run report --` (@kd/cli); `--name value` or `--name=value`.
 * `{ help: true }` for --help.
 */
export function parseReportArgs(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  today: Date,
): ReportArgs | { help: true } {
  let parsed;
  try {
    parsed = parseCli(spec, argv);
  } catch (error) {
    if (error instanceof CliUsageError) throw new UsageError(error.problem);
    throw error;
  }
  if (parsed.help) return { help: true };
  const { values } = parsed;
  for (const name of ['as-of', 'out', 'database-url', 'format'] as const)
    if (values[name] === '') throw new UsageError(`--${name} needs a value`);
  const [kind] = parsed.positionals;
  if (kind === undefined) throw new UsageError(`which report? one of ${reportKinds.join(', ')}`);
  if (!isReportKind(kind))
    throw new UsageError(`unknown report "${kind}": one of ${reportKinds.join(', ')}`);
  const format = values.format ?? 'markdown';
  if (!(reportFormats as readonly string[]).includes(format))
    throw new UsageError(`unknown --format "${format}": one of ${reportFormats.join(', ')}`);
  if (format === 'html' && kind !== 'weekly')
    throw new UsageError('--format html is available for the weekly report');
  return {
    kind,
    format: format as ReportFormat,
    asOf: values['as-of'] === undefined ? utcDay(today) : asOfDay(values['as-of']),
    out: values.out ?? 'reports',
    // A read replica when there is one: reports only read.
    databaseUrl: databaseUrl(values['database-url'] ?? env.DATABASE_READ_URL ?? env.DATABASE_URL),
  };
}

const utcDay = (t: Date) => new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate()));

function asOfDay(text: string): Date {
  try {
    return parseDay(text);
  } catch (error) {
    if (error instanceof PeriodError) throw new UsageError(`--as-of: ${error.message}`);
    throw error;
  }
}

function databaseUrl(value: string | undefined): string {
  const url = value ?? 'postgres://postgres@127.0.0.1:5432/kaltura_discord';
  if (!/^postgres(ql)?:\/\//.test(url))
    throw new UsageError('--database-url must be a postgres:// URL');
  return url;
}

/** The URL without its password, for messages. */
export function safeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'the database URL';
  }
}
