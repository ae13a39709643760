import { document, limitedTable, reportHeader, table } from '../format/document.js';
import { heading, markdownTable } from '../format/markdown.js';
import type { RenderedReport, Row } from '../format/table.js';
import { change, integer, percent } from '../format/values.js';
import { activityTable } from '../shared/activity.render.js';
import { count, ratio, text } from '../shared/columns.js';
import { featureTable, featuresUsed } from '../shared/features.render.js';
import { metricsTable, targetCount } from '../shared/metrics.render.js';
import { isUnavailable } from '../sql.js';
import type { MonthlyData } from './monthly.query.js';

/** The monthly report: executive summary, growth and feature adoption (seed §6.2, §6.3). */
export function renderMonthly(data: MonthlyData, generatedAt: string): RenderedReport {
  const baseName = `monthly-${data.period.label}`;
  const all = [
    ...data.metrics.engagement,
    ...data.metrics.retention,
    ...data.metrics.customization,
  ];
  const metrics = metricsTable('metrics', all);
  const customization = metricsTable('customization', data.metrics.customization);
  const activity = activityTable(data.activity, data.previous, 'This month');
  const weeks = table(
    'growth-weeks',
    [
      text('week', 'Week (Monday)'),
      count('new', 'New'),
      count('returning', 'Returning'),
      count('resurrecting', 'Resurrecting'),
      count('dormant', 'Dormant'),
      count('active', 'Active'),
      count('installs', 'Installs'),
      count('first_installs', 'First installs'),
      count('uninstalls', 'Uninstalls'),
      count('installed_at_end', 'Installed at end'),
      count('unique_users', 'Users'),
      count('commands', 'Commands'),
      count('meetings_created', 'Meetings'),
    ],
    data.weeks as unknown as Row[],
  );
  const features = featureTable(data.features);
  const keys = table(
    'config-keys',
    [
      text('key', 'Key'),
      count('guilds_overriding', 'Guilds overriding'),
      ratio('share_of_installed', 'Share of installed'),
      count('updates', 'Updates this month'),
      count('guilds_updating', 'Guilds updating'),
    ],
    data.configKeys as unknown as Row[],
  );
  const markdown = document(
    reportHeader('Monthly report', data.period, generatedAt),
    heading(2, 'Executive summary'),
    executiveSummary(data, all),
    markdownTable(metrics.columns.slice(0, 4), metrics.rows),
    heading(2, 'Growth'),
    'Guild lifecycle per ISO week ending in the month: new (first active week), returning (active ' +
      'the week before too), resurrecting (active again after a gap), dormant (active the week ' +
      'before, not this one). Installs count guild.installed events (reinstalls too); first ' +
      'installs count guilds whose first install falls in the week. Users and commands: in guilds.',
    markdownTable(weeks.columns, weeks.rows, '_No week ends in this month._'),
    markdownTable(activity.columns.slice(0, 4), activity.rows),
    heading(2, 'Feature adoption'),
    `${featuresUsed(data.features)} this month.`,
    markdownTable(features.columns, features.rows),
    heading(3, 'Customization'),
    `${targetCount(data.metrics.customization)}: shares of installed guilds whose configuration ` +
      'differs from config/default_config.json at the end of the month.',
    markdownTable(customization.columns.slice(0, 4), customization.rows),
    heading(3, 'Most overridden configuration keys'),
    'Installed guilds whose effective value differs from the default at the end of the month ' +
      '(role mappings counted together), and the updates sent during the month.',
    limitedTable(keys, baseName, 15, '_No configuration changes._'),
  );
  return { baseName, markdown, tables: [metrics, activity, weeks, features, keys] };
}

function executiveSummary(data: MonthlyData, all: MonthlyData['metrics']['engagement']): string {
  const { installs: i, activity: a, previous: p, health: h } = data;
  const below = all.filter((m) => m.onTarget === false).map((m) => m.label);
  const errorRatio = a.commands > 0 ? a.errors / a.commands : null;
  const dead = isUnavailable(data.deadLetters)
    ? 'dead letters not readable by this role'
    : `${integer(data.deadLetters.parked)} events parked as dead letters`;
  return [
    `- Installed guilds: ${integer(i.installed_at_start)} → ${integer(i.installed_at_end)} ` +
      `(${integer(i.first_installs)} new, ${integer(i.installs)} installs, ${integer(i.uninstalls)} uninstalls).`,
    `- Commands: ${integer(a.commands)} (${change(a.commands, p.commands)} on the previous month) ` +
      `by ${integer(a.unique_users)} users (${change(a.unique_users, p.unique_users)}) in ` +
      `${integer(a.active_guilds)} active guilds (${change(a.active_guilds, p.active_guilds)}).`,
    `- Meetings created: ${integer(a.meetings_created)} (${change(a.meetings_created, p.meetings_created)}).`,
    `- ${targetCount(all)}${below.length > 0 ? `; below target: ${below.join(', ')}` : ''}.`,
    `- Health: command error ratio ${percent(errorRatio, 2)}, ${integer(h.kaltura_failures)} Kaltura ` +
      `API failures, ${integer(h.notifications_failed)} of ${integer(h.notifications_failed + h.notifications_sent)} ` +
      `notifications failed, ${dead}.`,
  ].join('\n');
}
