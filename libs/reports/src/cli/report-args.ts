import { isReportKind, parseDay, PeriodError, reportKinds, type ReportKind } from '../period.js';

export interface ReportArgs {
  kind: ReportKind;
  /** The day the report is made on (UTC); the period is the complete one before it. */
  asOf: Date;
  out: string;
  databaseUrl: string;
}

export const usage =
  'usage: npm run report -- daily|weekly|monthly [--as-of YYYY-MM-DD] [--out DIR] [--database-url URL]';

export class UsageError extends Error {}

const options = ['as-of', 'out', 'database-url'] as const;
type Option = (typeof options)[number];

/** Parses the arguments after `npm run report --`; `--name value` or `--name=value`. */
export function parseReportArgs(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  today: Date,
): ReportArgs {
  const values: Partial<Record<Option, string>> = {};
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (!(options as readonly string[]).includes(name))
      throw new UsageError(`unknown option --${name}`);
    const value = inline ?? argv[++i];
    if (value === undefined || value === '') throw new UsageError(`--${name} needs a value`);
    values[name as Option] = value;
  }
  const [kind, ...extra] = positional;
  if (kind === undefined) throw new UsageError(`which report? one of ${reportKinds.join(', ')}`);
  if (!isReportKind(kind))
    throw new UsageError(`unknown report "${kind}": one of ${reportKinds.join(', ')}`);
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  return {
    kind,
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
