import type pg from 'pg';
import type { FlatConfig } from '@kd/analytics';
import { readServiceHealth } from './daily/service-health.query.js';
import { renderServiceHealth } from './daily/service-health.report.js';
import type { RenderedReport } from './format/table.js';
import { readMonthly } from './monthly/monthly.query.js';
import { renderMonthly } from './monthly/monthly.report.js';
import { endInstant, type Period } from './period.js';
import { inSnapshot } from './sql.js';
import { readUsage } from './weekly/usage.query.js';
import { renderUsage } from './weekly/usage.report.js';

export interface ReportOptions {
  /** The flattened config/default_config.json (overrides are differences from it). */
  defaults: () => FlatConfig;
  /** Shown in the header; the figures never depend on it. */
  generatedAt: string;
}

/** Reads one period's figures in a single snapshot, evaluated at the period's end, and renders them. */
export async function buildReport(
  client: pg.ClientBase,
  period: Period,
  options: ReportOptions,
): Promise<RenderedReport> {
  return inSnapshot(client, endInstant(period), async (sql) => {
    switch (period.kind) {
      case 'daily':
        return renderServiceHealth(await readServiceHealth(sql, period), options.generatedAt);
      case 'weekly':
        return renderUsage(await readUsage(sql, period), options.generatedAt);
      case 'monthly':
        return renderMonthly(
          await readMonthly(sql, period, options.defaults()),
          options.generatedAt,
        );
    }
  });
}
