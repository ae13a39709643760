import { parseArgs } from 'node:util';

/** One flag of a command line: `--name value` (or `--name=value`), or a boolean `--name`. */
export type CliOption =
  | { type: 'boolean'; description: string; short?: string }
  | { type: 'string'; description: string; value?: string; default?: string; short?: string }
  | { type: 'strings'; description: string; value?: string }
  | {
      type: 'number';
      description: string;
      value?: string;
      default?: number;
      integer?: boolean;
      min?: number;
    };

export type CliOptions = Record<string, CliOption>;

type ValueOf<O extends CliOption> = O extends { type: 'boolean' }
  ? boolean
  : O extends { type: 'strings' }
    ? string[]
    : O extends { type: 'number'; default: number }
      ? number
      : O extends { type: 'number' }
        ? number | undefined
        : O extends { type: 'string'; default: string }
          ? string
          : string | undefined;

/** The parsed flags: booleans are false and repeatable flags [] when absent. */
export type CliValues<S extends CliOptions> = { [K in keyof S]: ValueOf<S[K]> };

/** What a command accepts, and the text `--help` prints. */
export interface CliSpec<S extends CliOptions> {
  /** How it is run, e.g. `npm run report --`. */
  command: string;
  /** What follows the command in the usage line(s), e.g. `daily|weekly|monthly [options]`. */
  synopsis: string | readonly string[];
  /** A paragraph under the usage line. */
  summary?: string;
  options: S;
  /** How many positional arguments it takes (default none). */
  positionals?: { min?: number; max?: number };
  /** Lines after the options (environment, examples). */
  epilogue?: string;
}

export type CliParsed<S extends CliOptions> =
  | { help: true; usage: string }
  | { help: false; usage: string; values: CliValues<S>; positionals: string[] };

/** A command line the spec refuses; `message` is the problem, `usage` the help text. */
export class CliUsageError extends Error {
  constructor(
    readonly problem: string,
    readonly usage: string,
  ) {
    super(problem);
    this.name = 'CliUsageError';
  }
}

/** The usage text: usage lines, summary, one line per flag (with its default), epilogue. */
export function usageOf<S extends CliOptions>(spec: CliSpec<S>): string {
  const synopses = typeof spec.synopsis === 'string' ? [spec.synopsis] : spec.synopsis;
  const lines = synopses.map((s, i) =>
    `${i === 0 ? 'usage:' : '      '} ${spec.command} ${s}`.trimEnd(),
  );
  if (spec.summary) lines.push('', spec.summary);
  const flags = Object.entries(spec.options).map(
    ([name, option]) => [flagOf(name, option), describe(option)] as const,
  );
  flags.push(['-h, --help', 'this text']);
  const width = Math.max(...flags.map(([flag]) => flag.length));
  lines.push('', 'options:', ...flags.map(([flag, text]) => `  ${flag.padEnd(width)}  ${text}`));
  if (spec.epilogue) lines.push('', spec.epilogue);
  return `${lines.join('\n')}\n`;
}

function flagOf(name: string, option: CliOption): string {
  const short = 'short' in option && option.short ? `-${option.short}, ` : '';
  const value =
    option.type === 'boolean'
      ? ''
      : ` <${option.value ?? (option.type === 'number' ? 'n' : 'value')}>`;
  return `${short}--${name}${value}${option.type === 'strings' ? ' …' : ''}`;
}

function describe(option: CliOption): string {
  const fallback =
    'default' in option && option.default !== undefined ? ` (default ${option.default})` : '';
  return `${option.description}${fallback}`;
}

/**
 * Parses `argv` (without node and the script) with `node:util` parseArgs, strictly: an unknown
 * flag, a flag without its value, a bad number or a wrong count of positionals throws a
 * CliUsageError naming every problem (one a line) and carrying the usage. `--help` / `-h`
 * returns `{ help: true }`.
 */
export function parseCli<S extends CliOptions>(
  spec: CliSpec<S>,
  argv: readonly string[],
): CliParsed<S> {
  const { parsed, problems } = readCli(spec, argv);
  if (problems.length > 0) throw new CliUsageError(problems.join('\n'), parsed.usage);
  return parsed;
}

/**
 * parseCli without throwing: what could be read, and every problem. An unknown flag is dropped
 * (with the value after it) and the rest read on, so one run names all problems; for a CLI that
 * validates further and reports everything at once.
 */
export function readCli<S extends CliOptions>(
  spec: CliSpec<S>,
  argv: readonly string[],
): { parsed: CliParsed<S>; problems: string[] } {
  const usage = usageOf(spec);
  const problems: string[] = [];
  const fail = (problem: string): undefined => void problems.push(problem);
  const config: Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }> =
    { help: { type: 'boolean', short: 'h' } };
  for (const [name, option] of Object.entries(spec.options)) {
    config[name] = {
      type: option.type === 'boolean' ? 'boolean' : 'string',
      ...(option.type === 'strings' ? { multiple: true } : {}),
      ...('short' in option && option.short ? { short: option.short } : {}),
    };
  }
  let args = [...argv];
  let parsed: ReturnType<typeof parseArgs> | undefined;
  while (!parsed) {
    try {
      parsed = parseArgs({ args, options: config, strict: true, allowPositionals: true });
    } catch (error) {
      const { problem, unknown } = parseProblem(error);
      fail(problem);
      const at =
        unknown === undefined
          ? -1
          : args.findIndex((a) => a === unknown || a.startsWith(`${unknown}=`));
      if (at < 0)
        return {
          parsed: { help: false, usage, values: {} as CliValues<S>, positionals: [] },
          problems,
        };
      const takesValue =
        !args[at]!.includes('=') && args[at + 1] !== undefined && !args[at + 1]!.startsWith('-');
      args = [...args.slice(0, at), ...args.slice(at + (takesValue ? 2 : 1))];
    }
  }
  if (parsed.values.help) return { parsed: { help: true, usage }, problems: [] };
  const values: Record<string, unknown> = {};
  for (const [name, option] of Object.entries(spec.options)) {
    const raw = parsed.values[name];
    values[name] = valueOf(name, option, raw, fail);
  }
  const { min = 0, max = 0 } = spec.positionals ?? {};
  const positionals = parsed.positionals;
  if (positionals.length > max) fail(`unexpected argument "${positionals[max]}"`);
  if (positionals.length < min)
    fail(`expected ${min} argument${min === 1 ? '' : 's'}, got ${positionals.length}`);
  return { parsed: { help: false, usage, values: values as CliValues<S>, positionals }, problems };
}

function valueOf(
  name: string,
  option: CliOption,
  raw: unknown,
  fail: (problem: string) => undefined,
): unknown {
  switch (option.type) {
    case 'boolean':
      return raw === true;
    case 'strings':
      return raw ?? [];
    case 'string':
      return raw ?? option.default;
    case 'number': {
      if (raw === undefined) return option.default;
      const text = typeof raw === 'string' ? raw.trim() : '';
      const n = Number(text);
      if (text === '' || !Number.isFinite(n))
        return fail(`--${name} must be a number, got "${text}"`);
      if (option.integer && !Number.isInteger(n))
        return fail(`--${name} must be a whole number, got "${text}"`);
      if (option.min !== undefined && n < option.min)
        return fail(`--${name} must be at least ${option.min}, got ${text}`);
      return n;
    }
  }
}

/** parseArgs' errors in the words every CLI of ours uses; `unknown` is an unknown flag. */
function parseProblem(error: unknown): { problem: string; unknown?: string } {
  const { code, message } = error as { code?: string; message?: string };
  const flag = /'(-{1,2}[^' =]+)/.exec(message ?? '')?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && flag)
    return { problem: `unknown option ${flag}`, unknown: flag };
  if (
    code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' &&
    flag &&
    /argument missing/.test(message ?? '')
  )
    return { problem: `${flag} needs a value` };
  if (code?.startsWith('ERR_PARSE_ARGS')) return { problem: message ?? 'bad arguments' };
  throw error;
}

/**
 * For a CLI's top-level catch: a CliUsageError is written as `<name>: <problem>` and the usage,
 * and gives exit code 2; anything else gives undefined (the caller reports it its own way).
 */
export function usageFailure(
  name: string,
  error: unknown,
  write: (text: string) => void,
): number | undefined {
  if (!(error instanceof CliUsageError)) return undefined;
  write(`${name}: ${error.problem}\n\n${error.usage}`);
  return 2;
}
