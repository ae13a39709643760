import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  computeMetrics,
  flattenDefaults,
  generateHistory,
  type JsonObject,
} from '@kd/analytics-oracle';
import type { MetricsSnapshot } from '@kd/analytics';
import { loadDefaultConfig } from '@kd/guild-config';
import { installReport } from '@kd/analytics';
import {
  createTestDatabase,
  lastTrapClock,
  trapClocks,
  trapHistoryDays,
  type TestDatabase,
} from '@kd/testing';
import { buildReport } from '../build-report.js';
import { runReportCli } from '../cli/report-cli.js';
import { endInstant, parseDay, periodBefore, reportKinds, type Period } from '../period.js';
import { projectedHistory, type ProjectedHistory } from '../../test/projected-history.js';
import { readUsage } from '../weekly/usage.query.js';
import { COHORT_WEEKS } from '../weekly/usage.query.js';

// Issue 12: every report at fixed trap clocks (ISO week 53, year and month ends, a leap day,
// Monday 00:00, Sunday 23:59:59.999) on a generated history, checked against the oracle, and on
// an empty install, where `npm run report` exits 0 and says there was no activity.
const defaultConfig = loadDefaultConfig() as unknown as JsonObject;
const defaults = flattenDefaults(defaultConfig);
const { events } = generateHistory({
  seed: 53,
  guilds: 24,
  days: trapHistoryDays,
  now: lastTrapClock,
  defaults: defaultConfig,
});
const dayOf = (instant: string) => parseDay(instant.slice(0, 10));
const timeout = 120_000;
/** Floats from PostgreSQL and from the oracle agree to 12 decimals. */
const rounded = <T>(value: T): T =>
  JSON.parse(
    JSON.stringify(value, (_, v: unknown) =>
      typeof v === 'number' ? Math.round(v * 1e12) / 1e12 : v,
    ),
  ) as T;

function oracleReport(period: Period) {
  const at = new Date(endInstant(period));
  const m: MetricsSnapshot = computeMetrics(events, at, defaultConfig);
  const live = {
    installed_guilds: m.retentionSummary.installed_guilds,
    meetings_live: m.live.meetings_live,
    meeting_participants_live: m.live.meeting_participants_live,
  };
  const report = installReport(
    {
      engagement: m.engagementSummary,
      retention: m.retentionSummary,
      customization: m.customizationSummary,
      live,
    },
    at,
  );
  const from = Date.parse(endInstant(period)) - 7 * COHORT_WEEKS * 86_400_000;
  const cohorts = m.cohortRetention.filter((c) => Date.parse(`${c.cohort_week}T00:00:00Z`) >= from);
  return { report, cohorts };
}

describe('reports at trap clocks', () => {
  let h: ProjectedHistory;
  beforeAll(async () => {
    h = await projectedHistory(events);
  }, timeout);
  afterAll(() => h.dispose());

  it.each(trapClocks)(
    'builds the daily, weekly and monthly reports as of %s',
    async (_, instant) => {
      for (const kind of reportKinds) {
        const period = periodBefore(kind, dayOf(instant));
        const report = await buildReport(h.client, period, {
          defaults: () => defaults,
          generatedAt: instant,
        });
        expect(report.markdown).toContain(period.label);
      }
    },
    timeout,
  );

  it.each(trapClocks)(
    'gives the weekly metrics and cohorts of the oracle as of %s',
    async (_, instant) => {
      const period = periodBefore('weekly', dayOf(instant));
      const data = await h.read(period, (sql) => readUsage(sql, period));
      const oracle = oracleReport(period);
      expect(rounded(data.metrics)).toEqual(rounded(oracle.report));
      const byCell = (a: { cohort_week: string; weeks_since_install: number }, b: typeof a) =>
        a.cohort_week.localeCompare(b.cohort_week) || a.weeks_since_install - b.weeks_since_install;
      expect(rounded([...data.cohorts].sort(byCell))).toEqual(
        rounded([...oracle.cohorts].sort(byCell)),
      );
    },
    timeout,
  );

  it('reports ISO week 2026-W53 (2026-12-28 … 2027-01-03) on Monday 2027-01-04', async () => {
    const period = periodBefore('weekly', parseDay('2027-01-04'));
    expect(period).toMatchObject({ start: '2026-12-28', end: '2027-01-04', label: '2026-W53' });
    const report = await buildReport(h.client, period, {
      defaults: () => defaults,
      generatedAt: 'x',
    });
    expect(report.markdown).toContain('# Usage — 2026-W53');
    expect(report.markdown).toContain('2026-12-28 … 2027-01-03');
    // The event log keeps the first event of each id (stream order): count W53's as it does.
    const firstOfId = new Map<string, (typeof events)[number]>();
    for (const e of events) if (!firstOfId.has(e.id)) firstOfId.set(e.id, e);
    const w53 = [...firstOfId.values()].filter(
      (e) =>
        e.type === 'command.executed' &&
        e.guildId !== null &&
        Date.parse(e.occurredAt) >= Date.parse('2026-12-28T00:00:00Z') &&
        Date.parse(e.occurredAt) < Date.parse('2027-01-04T00:00:00Z'),
    );
    const data = await h.read(period, (sql) => readUsage(sql, period));
    expect(w53.length).toBeGreaterThan(0);
    expect(data.activity.commands).toBe(w53.length);
    expect(data.activity.active_guilds).toBe(new Set(w53.map((e) => e.guildId)).size);
  });
});

describe('npm run report on an empty install', () => {
  let db: TestDatabase;
  let out: string;
  beforeAll(async () => {
    [db, out] = await Promise.all([createTestDatabase(), mkdtemp(join(tmpdir(), 'kd-report-'))]);
  });
  afterAll(async () => {
    await Promise.all([db.drop(), rm(out, { recursive: true, force: true })]);
  });

  it.each(trapClocks)('exits 0 and says there was no activity, as of %s', async (_, instant) => {
    for (const kind of reportKinds) {
      const lines = { out: [] as string[], err: [] as string[] };
      const code = await runReportCli([kind, '--out', out, '--database-url', db.url], {
        env: {},
        out: (l) => lines.out.push(l),
        err: (l) => lines.err.push(l),
        now: () => new Date(instant),
      });
      expect({ code, err: lines.err }).toEqual({
        code: 0,
        err: [expect.stringMatching(/^report: no activity in \S+ \(no event occurred\)/)],
      });
      const markdown = await readFile(lines.out[0] ?? '', 'utf8');
      expect(markdown).toContain('**No activity**');
      expect(markdown).not.toMatch(/NaN|Infinity|undefined/);
    }
  });
});
