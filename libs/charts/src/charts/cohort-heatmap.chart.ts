import { translate } from '@kd/i18n';
import type { ChartContext, ChartSpec, CohortCell } from '../chart-types.js';
import { formatNumber, titled } from '../chart-style.js';
import { noDataChart } from './no-data.chart.js';

const size = { width: 900, height: 460 };

/** Install cohorts (rows, oldest on top) by weeks since install (columns), shaded by active share. */
export function cohortHeatmap(cells: readonly CohortCell[], context: ChartContext): ChartSpec {
  const { locale } = context;
  const title = translate(locale, 'stats.chart_cohorts_title');
  if (cells.length === 0) return noDataChart(title, context, size);
  const cohorts = [...new Set(cells.map((c) => c.cohortWeek))].sort().reverse();
  const weeks = Math.max(...cells.map((c) => c.weeksSinceInstall)) + 1;
  const percent = (share: number) => formatNumber(locale, share, 'ratio');
  return {
    ...size,
    alt: cohortAlt(cells, cohorts, context),
    option: {
      title: titled(title),
      grid: { left: 96, right: 24, top: 56, bottom: 88 },
      xAxis: {
        type: 'category',
        name: translate(locale, 'stats.axis_weeks_since_install'),
        nameLocation: 'middle',
        nameGap: 28,
        data: Array.from({ length: weeks }, (_, k) => `W${k}`),
        splitArea: { show: true },
      },
      yAxis: { type: 'category', data: cohorts, splitArea: { show: true } },
      visualMap: {
        min: 0,
        max: 1,
        calculable: false,
        orient: 'horizontal',
        left: 'center',
        bottom: 8,
        inRange: { color: ['#f1f3f5', '#74c0fc', '#1864ab'] },
        formatter: (value: unknown) => percent(Number(value)),
      },
      series: [
        {
          type: 'heatmap',
          data: cells.map((c) => [c.weeksSinceInstall, cohorts.indexOf(c.cohortWeek), c.share]),
          label: {
            show: true,
            fontSize: 10,
            formatter: (p: { value?: unknown }) => percent(Number((p.value as number[])[2])),
          },
        },
      ],
    },
  };
}

function cohortAlt(cells: readonly CohortCell[], cohorts: string[], { locale }: ChartContext) {
  const later = cells.filter((c) => c.weeksSinceInstall === 1);
  const mean = later.length ? later.reduce((sum, c) => sum + c.share, 0) / later.length : null;
  return translate(locale, 'stats.alt_cohorts', {
    cohorts: cohorts.length,
    from: cohorts.at(-1) ?? '',
    to: cohorts[0] ?? '',
    week1: mean === null ? '—' : formatNumber(locale, mean, 'ratio'),
  });
}
