import { translate } from '@kd/i18n';
import { lastCompleteWeeks } from '../calendar.js';
import type { ChartContext, ChartSpec, WeeklyMeetings } from '../chart-types.js';
import { palette, titled } from '../chart-style.js';
import { noDataChart } from './no-data.chart.js';

export const MEETING_WEEKS = 8;
const size = { width: 500, height: 380 };

/** Meetings created in each of the last 8 complete ISO weeks (named by their Monday). */
export function meetingsChart(rows: readonly WeeklyMeetings[], context: ChartContext): ChartSpec {
  const { locale, now } = context;
  const title = translate(locale, 'stats.chart_meetings_title');
  const byWeek = new Map(rows.map((row) => [row.week, row.meetings]));
  const weeks = lastCompleteWeeks(now, MEETING_WEEKS).map((week) => ({
    week,
    meetings: byWeek.get(week) ?? 0,
  }));
  if (weeks.every((w) => w.meetings === 0)) return noDataChart(title, context, size);
  const busiest = weeks.reduce((best, w) => (w.meetings > best.meetings ? w : best));
  return {
    ...size,
    alt: translate(locale, 'stats.alt_meetings', {
      weeks: weeks.length,
      total: weeks.reduce((sum, w) => sum + w.meetings, 0),
      max: busiest.meetings,
      maxWeek: busiest.week,
    }),
    option: {
      title: titled(title),
      grid: { left: 48, right: 16, top: 56, bottom: 56 },
      xAxis: {
        type: 'category',
        data: weeks.map((w) => w.week.slice(5)),
        axisLabel: { rotate: 45 },
      },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          name: translate(locale, 'stats.series_meetings'),
          type: 'bar',
          data: weeks.map((w) => w.meetings),
          color: palette.primary,
          label: { show: true, position: 'top' },
        },
      ],
    },
  };
}
