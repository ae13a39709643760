import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { flattenConfig, loadDefaultConfig } from '@kd/guild-config';
import { freePort } from '@kd/testing';
import { buildReport } from '../build-report.js';
import { toCsv } from '../format/csv.js';
import { parseDay, periodBefore } from '../period.js';
import { projectedHistory, type ProjectedHistory } from '../../test/projected-history.js';
import { runReportCli } from './report-cli.js';
import { usage } from './report-args.js';

const asOf = parseDay('2026-11-23');
const defaults = flattenConfig(loadDefaultConfig());
let h: ProjectedHistory;
beforeAll(async () => {
  h = await projectedHistory();
});
afterAll(() => h.dispose());

describe('npm run report', () => {
  let out: string;
  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), 'kd-report-'));
  });
  afterAll(async () => {
    await rm(out, { recursive: true, force: true });
  });
  const cli = async (...argv: string[]) => {
    const lines = { out: [] as string[], err: [] as string[] };
    const code = await runReportCli(argv, {
      env: {},
      out: (l) => lines.out.push(l),
      err: (l) => lines.err.push(l),
      now: () => new Date('2026-11-23T12:00:00Z'),
    });
    return { code, ...lines };
  };

  it('writes the Markdown and CSV files of each report and prints their paths', async () => {
    const daily = await cli(
      'daily',
      '--as-of',
      '2026-11-23',
      '--out',
      out,
      '--database-url',
      h.db.url,
    );
    expect(daily).toMatchObject({ code: 0, err: [] });
    expect(daily.out.map((p) => p.slice(out.length + 1))).toEqual([
      'daily-2026-11-22.md',
      'daily-2026-11-22-commands.csv',
      'daily-2026-11-22-webhooks.csv',
      'daily-2026-11-22-kaltura-failures.csv',
      'daily-2026-11-22-notifications.csv',
      'daily-2026-11-22-dead-letters.csv',
      'daily-2026-11-22-checkpoints.csv',
    ]);
    const md = await readFile(join(out, 'daily-2026-11-22.md'), 'utf8');
    expect(md).toContain('# Service health — 2026-11-22');
    expect(md).toContain('5 commands: 2 ok, 1 error, 1 denied, 1 invalid; error ratio 20.00%');
    expect(md).toContain('| kaltura-start | 2 | 1 | 1 | 0 | 0 | 50.0% | 200 ms | 290 ms |');
    expect(md).toContain('| custom "x", y | entry | 1 |');
    expect(await readFile(join(out, 'daily-2026-11-22-webhooks.csv'), 'utf8')).toBe(
      'event_type,object_type,received\r\nOBJECT_CHANGED,entry,2\r\n"custom ""x"", y",entry,1\r\n',
    );
    expect(await readFile(join(out, 'daily-2026-11-22-commands.csv'), 'utf8')).toContain(
      '\r\n(all),5,2,1,1,1,0.2,40,260\r\n',
    );
    for (const kind of ['weekly', 'monthly'])
      expect(
        await cli(kind, '--as-of=2026-11-23', '--out', out, '--database-url', h.db.url),
      ).toMatchObject({ code: 0, err: [] });
    const weekly = await readFile(join(out, 'weekly-2026-W47.md'), 'utf8');
    expect(weekly).toContain(
      '| Commands per active guild-day (7 days) | 1.50 | > 5.00 | below target |',
    );
    expect(weekly).toContain('| 2026-10-05 | 2 | 100% | 50% | 0% | 0% | 0% | 50% | 50% |');
    const monthlyMd = await readFile(join(out, 'monthly-2026-10.md'), 'utf8');
    expect(monthlyMd).toContain('- Installed guilds: 1 → 2 (2 new, 2 installs, 1 uninstalls).');
    expect(monthlyMd).toContain('| notifications.templates.meeting_start | 1 | 50.0% | 2 | 2 |');
    expect(await readFile(join(out, 'monthly-2026-10-growth-weeks.csv'), 'utf8')).toContain(
      '\r\n2026-10-05,2,1,0,0,3,2,2,0,3,3,3,1\r\n',
    );
  });

  it('writes the weekly HTML page beside the Markdown and CSV with --format html', async () => {
    const weekly = await cli(
      'weekly',
      '--as-of=2026-11-23',
      '--format',
      'html',
      '--out',
      out,
      '--database-url',
      h.db.url,
    );
    expect(weekly).toMatchObject({ code: 0, err: [] });
    const written = weekly.out.map((p) => p.slice(out.length + 1));
    expect(written).toContain('weekly-2026-W47.md');
    expect(written).toContain('weekly-2026-W47-cohorts.csv');
    expect(written.at(-1)).toBe('weekly-2026-W47.html');
    const html = await readFile(join(out, 'weekly-2026-W47.html'), 'utf8');
    expect(html.match(/<svg /g)?.length).toBe(6);
    expect(html).not.toMatch(/<script|<link|<img/i);
    expect(html).toContain(
      '<td>Commands per active guild-day (7 days)</td><td class="num">1.50</td>',
    );
    expect(html).toMatch(/Heatmap of \d+ weekly install cohorts? \(2026-\d\d-\d\d to 2026-11-16\)/);
  });

  it('renders the same report twice alike (figures do not depend on when it runs)', async () => {
    const period = periodBefore('monthly', asOf);
    const build = (generatedAt: string) =>
      buildReport(h.client, period, { defaults: () => defaults, generatedAt });
    const [a, b] = [await build('x'), await build('x')];
    expect(b.markdown).toBe(a.markdown);
    expect(b.tables.map(toCsv)).toEqual(a.tables.map(toCsv));
  });

  it('refuses a bad report name or date with the usage, exit code 2', async () => {
    expect(await cli('weekly', '--as-of', '2026-13-01')).toEqual({
      code: 2,
      out: [],
      err: [`report: --as-of: "2026-13-01" is not a UTC date YYYY-MM-DD\n\n${usage}`],
    });
    expect((await cli('quarterly')).code).toBe(2);
    expect(usage).toMatch(
      /^usage: npm run report -- daily\|weekly\|monthly \[--as-of YYYY-MM-DD\] \[--out DIR\] \[--database-url URL\] \[--format markdown\|html\]\n/,
    );
    expect(await cli('weekly', '--since', '2026-01-01')).toMatchObject({
      code: 2,
      err: [`report: unknown option --since\n\n${usage}`],
    });
    expect(await cli('--help')).toEqual({ code: 0, out: [usage], err: [] });
  });

  it('fails with one clear line when PostgreSQL cannot be reached', async () => {
    const port = await freePort();
    const url = `postgres://kd:secret@127.0.0.1:${port}/kd`;
    expect(await cli('daily', '--database-url', url, '--out', out)).toEqual({
      code: 1,
      out: [],
      err: [
        `report: cannot connect to PostgreSQL at postgres://kd:***@127.0.0.1:${port}/kd: connect ECONNREFUSED 127.0.0.1:${port}`,
      ],
    });
  });

  it('says to run the migrations when the analytics views are missing', async () => {
    const bare = new URL(h.db.url);
    bare.pathname = '/postgres';
    const result = await cli('daily', '--database-url', bare.toString(), '--out', out);
    expect(result).toEqual({
      code: 1,
      out: [],
      err: [
        'report: relation "analytics.event_log" does not exist (the analytics views are missing: run npm run migrations:run)',
      ],
    });
  });
});
