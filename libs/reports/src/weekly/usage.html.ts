import { metricTargets, type MetricValue } from '@kd/analytics';
import {
  activityChart,
  cohortHeatmap,
  featureAdoptionChart,
  meetingsChart,
  renderSvg,
  targetsChart,
  type ChartContext,
  type ChartSpec,
  type TargetMetric,
} from '@kd/charts';
import { endInstant } from '../period.js';
import { escapeHtml, htmlDocument, htmlFigure, htmlTable } from '../format/html.js';
import type { RenderedReport } from '../format/table.js';
import type { UsageData } from './usage.query.js';
import type { UsageTrends } from './usage-trends.query.js';

const targetMetrics = (metrics: readonly MetricValue[]): TargetMetric[] =>
  metrics.map((m) => ({ ...m, unit: metricTargets[m.metric].unit }));

/**
 * The weekly Usage report as one self-contained page: its charts as inline SVG (trends, metrics
 * against targets, feature adoption, the cohort heatmap), then every table of the Markdown.
 */
export function renderUsageHtml(
  data: UsageData,
  trends: UsageTrends,
  report: RenderedReport,
): string {
  const context: ChartContext = { locale: 'en-US', now: new Date(endInstant(data.period)) };
  const h2 = (text: string) => `<h2>${escapeHtml(text)}</h2>`;
  let charts = 0;
  const figure = (spec: ChartSpec) => {
    const { svg, alt } = renderSvg(spec);
    return htmlFigure(svg, alt, `chart${++charts}`);
  };
  const [headerBlock = '', periodLine = ''] = report.markdown.split('\n\n');
  const title = headerBlock.replace(/^#\s*/, '');
  const tables = new Map(report.tables.map((t) => [t.name, t]));
  const table = (name: string, empty?: string) => {
    const found = tables.get(name);
    return found ? htmlTable(found, empty) : '';
  };
  const features = data.features
    .filter((f) => f.user_facing)
    .map((f) => ({ command: f.command, share: f.guild_share ?? 0 }));
  const cohorts = data.cohorts.map((c) => ({
    cohortWeek: c.cohort_week,
    weeksSinceInstall: c.weeks_since_install,
    share: c.active_share,
  }));
  return htmlDocument(title, [
    `<h1>${escapeHtml(title)}</h1>`,
    `<p>${escapeHtml(periodLine.replace(/`/g, ''))}</p>`,
    ...(report.quiet ? ['<p class="note">No activity: no event occurred in this week.</p>'] : []),
    h2('Trends'),
    figure(activityChart(trends.days, context)),
    figure(meetingsChart(trends.weeks, context)),
    table('activity'),
    h2('Engagement and retention against their targets'),
    figure(targetsChart(targetMetrics(data.metrics.engagement), context, 'Engagement')),
    figure(targetsChart(targetMetrics(data.metrics.retention), context, 'Retention')),
    table('engagement'),
    table('retention'),
    h2('Feature adoption this week'),
    '<p>Share of the guilds active this week that ran each user-facing command.</p>',
    figure(featureAdoptionChart(features, context)),
    table('features'),
    h2('Most active guilds'),
    table('top-guilds', 'No guild ran a command this week.'),
    h2('Install-cohort retention'),
    '<p>Share of each weekly install cohort active (≥1 command) exactly in week k after its install week.</p>',
    figure(cohortHeatmap(cohorts, context)),
    table('cohorts', 'No complete cohort yet.'),
  ]);
}
