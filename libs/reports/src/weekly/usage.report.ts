import { document, limitedTable, reportHeader, table } from '../format/document.js';
import { heading, markdownTable } from '../format/markdown.js';
import type { Column, RenderedReport, Row } from '../format/table.js';
import { decimal, percent } from '../format/values.js';
import { activityLine, activityTable } from '../shared/activity.render.js';
import { count, ratio, text } from '../shared/columns.js';
import { featureTable, featuresUsed } from '../shared/features.render.js';
import { metricsTable, targetCount } from '../shared/metrics.render.js';
import { COHORT_WEEKS, type CohortCell, type UsageData } from './usage.query.js';

/** The weekly Usage report (seed §6.2): engagement, retention, feature usage, cohorts. */
export function renderUsage(data: UsageData, generatedAt: string): RenderedReport {
  const baseName = `weekly-${data.period.label}`;
  const { metrics, stickiness: s } = data;
  const engagement = metricsTable('engagement', metrics.engagement);
  const retention = metricsTable('retention', metrics.retention);
  const activity = activityTable(data.activity, data.previous, 'This week');
  const features = featureTable(data.features);
  const guilds = table(
    'top-guilds',
    [
      text('guild_id', 'Guild'),
      count('commands', 'Commands'),
      count('unique_users', 'Users'),
      count('active_days', 'Active days'),
      count('meetings_created', 'Meetings'),
      count('errors', 'Errors'),
    ],
    data.topGuilds as unknown as Row[],
  );
  const cohorts = table(
    'cohorts',
    [
      text('cohort_week', 'Cohort week'),
      count('weeks_since_install', 'Week'),
      count('cohort_size', 'Cohort size'),
      count('active_guilds', 'Active'),
      ratio('active_share', 'Active share'),
      count('active_guilds_on_or_after', 'Active on or after'),
      ratio('active_share_on_or_after', 'Share on or after'),
    ],
    data.cohorts as unknown as Row[],
  );
  const markdown = document(
    reportHeader('Usage', data.period, generatedAt),
    heading(2, 'This week'),
    activityLine(data.activity),
    markdownTable(activity.columns.slice(0, 4), activity.rows),
    heading(2, 'Engagement'),
    `${targetCount(metrics.engagement)}. Windows end with the week: the last 7 or 30 complete ` +
      'days, the last 4 complete ISO weeks. Unique users median: ' +
      `${percent(metrics.detail.uniqueUsersMedian)}; feature adoption per guild (mean): ` +
      `${percent(metrics.detail.featureAdoptionPerGuildMean)}.`,
    markdownTable(engagement.columns.slice(0, 4), engagement.rows),
    heading(2, 'Retention'),
    `${targetCount(metrics.retention)}. Installed guilds at the end of the week: ` +
      `${metrics.installedGuilds}. Stickiness over the last 30 days: ${s.guilds} active guilds, ` +
      `${decimal(s.active_days_mean, 1)} active days on average (DAU/MAU ${percent(s.dau_mau)}).`,
    markdownTable(retention.columns.slice(0, 4), retention.rows),
    heading(2, 'Feature usage this week'),
    `${featuresUsed(data.features)}. Commands in guilds only.`,
    markdownTable(features.columns, features.rows),
    heading(2, 'Most active guilds'),
    limitedTable(guilds, baseName, 10, '_No guild ran a command this week._'),
    heading(2, 'Install-cohort retention'),
    `Share of each weekly install cohort active (≥1 command) exactly in week k after the install ` +
      `week; the last ${COHORT_WEEKS} cohorts. The CSV also has the "on or after" flavour.`,
    cohortMatrix(data.cohorts),
  );
  return {
    baseName,
    markdown,
    tables: [activity, engagement, retention, features, guilds, cohorts],
  };
}

/** Cohorts as rows, weeks since install as columns, "exactly in" shares as cells. */
export function cohortMatrix(cells: readonly CohortCell[]): string {
  const weeks = Math.max(0, ...cells.map((c) => c.weeks_since_install + 1));
  const rows = new Map<string, Row>();
  for (const c of cells) {
    const row = rows.get(c.cohort_week) ?? { cohort: c.cohort_week, size: c.cohort_size };
    row[`w${c.weeks_since_install}`] = c.active_share;
    rows.set(c.cohort_week, row);
  }
  const columns: Column[] = [
    text('cohort', 'Cohort'),
    count('size', 'Guilds'),
    ...Array.from({ length: weeks }, (_, k) => ({
      key: `w${k}`,
      title: `W${k}`,
      align: 'right' as const,
      format: (v: Row[string]) => (v === null ? '' : percent(v, 0)),
    })),
  ];
  return markdownTable(columns, [...rows.values()], '_No complete cohort yet._');
}
