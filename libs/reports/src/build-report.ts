import type pg from 'pg';
import type { FlatConfig } from '@kd/guild-config';
import { readServiceHealth } from './daily/service-health.query.js';
import { renderServiceHealth } from './daily/service-health.report.js';
import type { RenderedReport } from './format/table.js';
import { readMonthly } from './monthly/monthly.query.js';
import { renderMonthly } from './monthly/monthly.report.js';
import { endInstant, type Period } from './period.js';
import { inSnapshot, type Sql } from './sql.js';
import { range } from './sql-fragments.js';
import { readUsage } from './weekly/usage.query.js';
import { renderUsage } from './weekly/usage.report.js';
import { renderUsageHtml } from './weekly/usage.html.js';
import { readUsageTrends } from './weekly/usage-trends.query.js';

export interface ReportOptions {
  /** The flattened config/default_config.json (overrides are differences from it). */
  defaults: () => FlatConfig;
  /** Shown in the header; the figures never depend on it. */
  generatedAt: string;
  /** Also render the HTML page with charts (weekly only). */
  html?: boolean;
}

/** Reads one period's figures in a single snapshot, evaluated at the period's end, and renders them. */
export async function buildReport(
  client: pg.ClientBase,
  period: Period,
  options: ReportOptions,
): Promise<RenderedReport> {
  return inSnapshot(client, endInstant(period), async (sql) => {
    const { report: rendered, html } = await render(sql, period, options);
    const report = (await eventsIn(sql, period)) > 0 ? rendered : noActivity(rendered, period);
    return html ? { ...report, html: html(report) } : report;
  });
}

interface Rendering {
  report: RenderedReport;
  /** The HTML page, made from the final report (its tables and "no activity" flag). */
  html?: (report: RenderedReport) => string;
}

async function render(sql: Sql, period: Period, options: ReportOptions): Promise<Rendering> {
  switch (period.kind) {
    case 'daily':
      return {
        report: renderServiceHealth(await readServiceHealth(sql, period), options.generatedAt),
      };
    case 'weekly': {
      const data = await readUsage(sql, period);
      const report = renderUsage(data, options.generatedAt);
      if (!options.html) return { report };
      const trends = await readUsageTrends(sql, period);
      return { report, html: (final) => renderUsageHtml(data, trends, final) };
    }
    case 'monthly':
      return {
        report: renderMonthly(
          await readMonthly(sql, period, options.defaults()),
          options.generatedAt,
        ),
      };
  }
}

async function eventsIn(sql: Sql, period: Period): Promise<number> {
  const [row] = await sql.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM analytics.event_log WHERE ${range('occurred_at')}`,
    [period.start, period.end],
  );
  return row?.n ?? 0;
}

/** A period in which nothing happened (a new install's first day, a quiet week) says so first. */
function noActivity(report: RenderedReport, period: Period): RenderedReport {
  const [title = '', periodLine = '', ...rest] = report.markdown.split('\n\n');
  const note = `**No activity**: no event occurred in ${period.label}; every ratio is shown as — (no denominator).`;
  return { ...report, quiet: true, markdown: [title, periodLine, note, ...rest].join('\n\n') };
}
