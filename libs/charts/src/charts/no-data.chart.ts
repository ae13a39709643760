import { translate } from '@kd/i18n';
import type { ChartContext, ChartSpec } from '../chart-types.js';
import { palette, titled } from '../chart-style.js';

/** What a chart without figures shows: its title and "no data yet", never an empty frame. */
export function noDataChart(
  title: string,
  { locale }: ChartContext,
  size: { width: number; height: number },
): ChartSpec {
  const text = translate(locale, 'stats.no_data');
  return {
    width: size.width,
    height: size.height,
    alt: translate(locale, 'stats.alt_no_data', { title }),
    option: {
      title: titled(title),
      graphic: [
        {
          type: 'text',
          left: 'center',
          top: 'middle',
          style: { text, fontSize: 20, fill: palette.muted },
        },
      ],
    },
  };
}
