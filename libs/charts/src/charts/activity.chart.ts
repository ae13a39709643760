import { translate } from '@kd/i18n';
import { lastCompleteDays } from '../calendar.js';
import type { ChartContext, ChartSpec, DailyActivity } from '../chart-types.js';
import { palette, titled } from '../chart-style.js';
import { noDataChart } from './no-data.chart.js';

export const ACTIVITY_DAYS = 30;
const size = { width: 1000, height: 380 };

/** Commands (bars) and active members (line) on each of the last 30 complete days, zeros included. */
export function activityChart(rows: readonly DailyActivity[], context: ChartContext): ChartSpec {
  const { locale, now } = context;
  const title = translate(locale, 'stats.chart_activity_title', { days: ACTIVITY_DAYS });
  const byDay = new Map(rows.map((row) => [row.day, row]));
  const days = lastCompleteDays(now, ACTIVITY_DAYS).map(
    (day) => byDay.get(day) ?? { day, commands: 0, activeMembers: 0 },
  );
  if (days.every((d) => d.commands === 0 && d.activeMembers === 0))
    return noDataChart(title, context, size);
  const commands = translate(locale, 'stats.series_commands');
  const members = translate(locale, 'stats.series_active_members');
  return {
    ...size,
    alt: activityAlt(days, context),
    option: {
      title: titled(title),
      legend: { top: 14, right: 16, data: [commands, members] },
      grid: { left: 56, right: 24, top: 64, bottom: 56 },
      xAxis: {
        type: 'category',
        data: days.map((d) => d.day.slice(5)),
        axisLabel: { interval: 0, rotate: 45, fontSize: 10 },
      },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: commands, type: 'bar', data: days.map((d) => d.commands), color: palette.primary },
        {
          name: members,
          type: 'line',
          data: days.map((d) => d.activeMembers),
          color: palette.secondary,
          symbolSize: 6,
        },
      ],
    },
  };
}

function activityAlt(days: readonly DailyActivity[], { locale }: ChartContext): string {
  const total = days.reduce((sum, d) => sum + d.commands, 0);
  const peak = days.reduce((best, d) => (d.commands > best.commands ? d : best));
  return translate(locale, 'stats.alt_activity', {
    days: days.length,
    from: days[0]?.day ?? '',
    to: days.at(-1)?.day ?? '',
    total,
    activeDays: days.filter((d) => d.commands > 0).length,
    peak: peak.commands,
    peakDay: peak.day,
    members: Math.max(...days.map((d) => d.activeMembers)),
  });
}
