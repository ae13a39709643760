import { translate } from '@kd/i18n';
import type { ChartContext, ChartSpec, FeatureShare } from '../chart-types.js';
import { formatNumber, palette, titled } from '../chart-style.js';
import { noDataChart } from './no-data.chart.js';

/** One bar per command, its share 0–1 (most used on top); zeros are shown, they are the news. */
export function featureAdoptionChart(
  features: readonly FeatureShare[],
  context: ChartContext,
): ChartSpec {
  const { locale } = context;
  const size = { width: 700, height: Math.max(240, 80 + features.length * 28) };
  const title = translate(locale, 'stats.chart_features_title');
  if (features.length === 0) return noDataChart(title, context, size);
  const sorted = [...features].sort(
    (a, b) => b.share - a.share || a.command.localeCompare(b.command),
  );
  const percent = (share: number) => formatNumber(locale, share, 'ratio');
  return {
    ...size,
    alt: translate(locale, 'stats.alt_features', {
      count: sorted.length,
      used: sorted.filter((f) => f.share > 0).length,
      details: sorted.map((f) => `${f.command} ${percent(f.share)}`).join(', '),
    }),
    option: {
      title: titled(title),
      grid: { left: 16, right: 56, top: 48, bottom: 24, containLabel: true },
      xAxis: { type: 'value', max: 1, axisLabel: { formatter: (v: number) => percent(v) } },
      yAxis: { type: 'category', data: [...sorted].reverse().map((f) => f.command) },
      series: [
        {
          type: 'bar',
          color: palette.primary,
          data: [...sorted].reverse().map((f) => f.share),
          label: {
            show: true,
            position: 'right',
            formatter: (p: { value?: unknown }) => percent(Number(p.value)),
          },
        },
      ],
    },
  };
}
