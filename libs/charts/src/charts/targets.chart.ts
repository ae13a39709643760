import { translate } from '@kd/i18n';
import type { ChartContext, ChartSpec, TargetMetric } from '../chart-types.js';
import { formatNumber, palette, titled } from '../chart-style.js';
import { noDataChart } from './no-data.chart.js';

const size = { width: 500, height: 380 };

/**
 * Each metric as a share of its own target (they have different units), a line at 100 %: a bar
 * past the line is on target (drawn up to 200 %). Labels carry the real value and target.
 */
export function targetsChart(
  metrics: readonly TargetMetric[],
  context: ChartContext,
  title = translate(context.locale, 'stats.chart_targets_title'),
): ChartSpec {
  const { locale } = context;
  if (metrics.every((m) => m.value === null)) return noDataChart(title, context, size);
  const shown = [...metrics].reverse(); // ECharts draws the first category at the bottom
  const fmt = (m: TargetMetric, v: number | null) =>
    v === null ? '—' : formatNumber(locale, v, m.unit);
  const percentOf = (m: TargetMetric) =>
    m.value === null || m.target === 0 ? 0 : Math.min(200, Math.round((m.value / m.target) * 100));
  return {
    ...size,
    alt: targetsAlt(metrics, context, fmt),
    option: {
      title: titled(title),
      grid: { left: 176, right: 72, top: 56, bottom: 48 },
      xAxis: {
        type: 'value',
        name: translate(locale, 'stats.axis_share_of_target'),
        nameLocation: 'middle',
        nameGap: 24,
        max: (extent: { max: number }) => (extent.max > 150 ? 200 : 150),
      },
      yAxis: {
        type: 'category',
        data: shown.map((m) => m.label),
        axisLabel: { width: 160, overflow: 'break', fontSize: 11 },
      },
      series: [
        {
          type: 'bar',
          data: shown.map((m) => ({
            value: percentOf(m),
            itemStyle: {
              color: m.value !== null && m.value > m.target ? palette.secondary : palette.primary,
            },
            label: {
              show: true,
              position: 'right',
              formatter: `${fmt(m, m.value)} / ${fmt(m, m.target)}`,
            },
          })),
          markLine: {
            symbol: 'none',
            silent: true,
            lineStyle: { color: palette.target, type: 'dashed', width: 2 },
            label: { formatter: translate(locale, 'stats.target_line'), color: palette.target },
            data: [{ xAxis: 100 }],
          },
        },
      ],
    },
  };
}

function targetsAlt(
  metrics: readonly TargetMetric[],
  { locale }: ChartContext,
  fmt: (m: TargetMetric, v: number | null) => string,
): string {
  const details = metrics
    .map((m) =>
      translate(locale, 'stats.alt_target_item', {
        label: m.label,
        value: fmt(m, m.value),
        target: fmt(m, m.target),
      }),
    )
    .join('; ');
  return translate(locale, 'stats.alt_targets', {
    onTarget: metrics.filter((m) => m.value !== null && m.value > m.target).length,
    total: metrics.length,
    details,
  });
}
