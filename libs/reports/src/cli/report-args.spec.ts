import { describe, expect, it } from '@jest/globals';
import { parseReportArgs, safeUrl } from './report-args.js';

const today = new Date('2026-11-25T15:30:00Z');
const parse = (argv: string[], env: NodeJS.ProcessEnv = {}) => parseReportArgs(argv, env, today);

describe('npm run report arguments', () => {
  it('defaults to today (UTC), ./reports and DATABASE_URL', () => {
    expect(parse(['weekly'], { DATABASE_URL: 'postgres://u@db/kd' })).toEqual({
      kind: 'weekly',
      asOf: new Date('2026-11-25T00:00:00Z'),
      out: 'reports',
      databaseUrl: 'postgres://u@db/kd',
      format: 'markdown',
    });
  });

  it('takes --name value and --name=value', () => {
    expect(
      parse(['monthly', '--as-of', '2026-11-23', '--out=tmp/r', '--database-url=postgresql://x/y']),
    ).toEqual({
      kind: 'monthly',
      asOf: new Date('2026-11-23T00:00:00Z'),
      out: 'tmp/r',
      databaseUrl: 'postgresql://x/y',
      format: 'markdown',
    });
  });

  it('takes --format html for the weekly report only', () => {
    expect(parse(['weekly', '--format', 'html'])).toMatchObject({ kind: 'weekly', format: 'html' });
    expect(() => parse(['daily', '--format=html'])).toThrow(
      '--format html is available for the weekly report',
    );
    expect(() => parse(['weekly', '--format', 'pdf'])).toThrow(
      'unknown --format "pdf": one of markdown, html',
    );
  });

  it('explains what is wrong with the arguments', () => {
    expect(() => parse([])).toThrow('which report? one of daily, weekly, monthly');
    expect(() => parse(['yearly'])).toThrow(
      'unknown report "yearly": one of daily, weekly, monthly',
    );
    expect(() => parse(['daily', '--as-of', '2026-02-30'])).toThrow(
      '--as-of: "2026-02-30" is not a UTC date YYYY-MM-DD',
    );
    expect(() => parse(['daily', '--as-of'])).toThrow('--as-of needs a value');
    expect(() => parse(['daily', '--since', '2026-01-01'])).toThrow('unknown option --since');
    expect(() => parse(['daily', 'weekly'])).toThrow('unexpected argument "weekly"');
    expect(() => parse(['daily', '--database-url', 'mysql://x'])).toThrow(
      'must be a postgres:// URL',
    );
  });

  it('never prints a password', () => {
    expect(safeUrl('postgres://kd:s3cret@db:5432/kd')).toBe('postgres://kd:***@db:5432/kd');
  });
});
