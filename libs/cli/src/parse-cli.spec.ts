import { describe, expect, it } from '@jest/globals';
import {
  CliUsageError,
  parseCli,
  readCli,
  usageFailure,
  usageOf,
  type CliOptions,
  type CliSpec,
} from './parse-cli.js';

const spec = {
  command: 'npm run thing --',
  synopsis: '<name> [options]',
  summary: 'Does the thing.',
  positionals: { min: 1, max: 1 },
  options: {
    out: { type: 'string', value: 'dir', default: 'reports', description: 'where to write' },
    by: { type: 'string', description: 'who' },
    guild: { type: 'strings', value: 'id', description: 'a guild; repeat' },
    stream: { type: 'boolean', description: 'also the stream' },
    events: { type: 'number', integer: true, min: 1, default: 1000, description: 'how many' },
    rate: { type: 'number', description: 'per second' },
  },
  epilogue: 'Environment: DATABASE_URL.',
} satisfies CliSpec<CliOptions>;

const parse = (argv: string[]) => parseCli(spec, argv);

function problemOf(argv: string[]): string {
  try {
    parse(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(CliUsageError);
    expect((error as CliUsageError).usage).toBe(usageOf(spec));
    return (error as CliUsageError).problem;
  }
  throw new Error(`accepted ${argv.join(' ')}`);
}

describe('parseCli', () => {
  it('gives typed values with defaults, booleans false and repeatable flags [] when absent', () => {
    const parsed = parse(['x']);
    expect(parsed).toMatchObject({
      help: false,
      positionals: ['x'],
      values: {
        out: 'reports',
        by: undefined,
        guild: [],
        stream: false,
        events: 1000,
        rate: undefined,
      },
    });
  });

  it('takes --name value, --name=value, repeats and numbers', () => {
    const parsed = parse([
      '--out=tmp',
      'x',
      '--guild',
      '1',
      '--guild=2',
      '--stream',
      '--events',
      '50',
      '--rate',
      '2.5',
    ]);
    expect(parsed).toMatchObject({
      positionals: ['x'],
      values: { out: 'tmp', guild: ['1', '2'], stream: true, events: 50, rate: 2.5 },
    });
  });

  it('answers --help and -h with the usage', () => {
    expect(parse(['--help'])).toEqual({ help: true, usage: usageOf(spec) });
    expect(parse(['-h']).help).toBe(true);
  });

  it('refuses unknown flags, missing values, bad numbers and wrong positionals, with the usage', () => {
    expect(problemOf(['x', '--since', '1'])).toBe('unknown option --since');
    expect(problemOf(['x', '--out'])).toBe('--out needs a value');
    expect(problemOf(['x', '--events', 'many'])).toBe('--events must be a number, got "many"');
    expect(problemOf(['x', '--events', '2.5'])).toBe('--events must be a whole number, got "2.5"');
    expect(problemOf(['x', '--events', '0'])).toBe('--events must be at least 1, got 0');
    expect(problemOf(['x', 'y'])).toBe('unexpected argument "y"');
    expect(problemOf([])).toBe('expected 1 argument, got 0');
    expect(problemOf(['x', '--stream=yes'])).toMatch(/stream/);
  });

  it('names every problem at once: unknown flags are dropped with their value and the rest read on', () => {
    expect(problemOf(['x', '--colour', 'blue', '--events', 'many', '--size=3'])).toBe(
      'unknown option --colour\nunknown option --size\n--events must be a number, got "many"',
    );
    const { parsed, problems } = readCli(spec, ['x', '--colour', 'blue', '--out', 'o']);
    expect(problems).toEqual(['unknown option --colour']);
    expect(parsed).toMatchObject({ positionals: ['x'], values: { out: 'o' } });
  });

  it('writes a usage text with every flag, its value name and default', () => {
    const usage = usageOf(spec);
    expect(usage).toMatch(
      /^usage: npm run thing -- <name> \[options\]\n\nDoes the thing\.\n\noptions:\n/,
    );
    expect(usage).toContain('--out <dir>');
    expect(usage).toMatch(/--out <dir> +where to write \(default reports\)/);
    expect(usage).toContain('--guild <id> …');
    expect(usage).toMatch(/--events <n> +how many \(default 1000\)/);
    expect(usage).toMatch(/-h, --help +this text/);
    expect(usage.trimEnd().endsWith('Environment: DATABASE_URL.')).toBe(true);
  });

  it('turns a usage error into "<name>: problem", the usage and exit code 2; other errors pass', () => {
    let written = '';
    let error: unknown;
    try {
      parse(['x', '--nope']);
    } catch (e) {
      error = e;
    }
    expect(usageFailure('thing', error, (text) => (written += text))).toBe(2);
    expect(written).toBe(`thing: unknown option --nope\n\n${usageOf(spec)}`);
    expect(usageFailure('thing', new Error('boom'), () => undefined)).toBeUndefined();
  });
});
