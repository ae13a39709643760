import { translate } from '@kd/i18n';
import type {
  ChartContext,
  DailyActivity,
  RenderedChart,
  TargetMetric,
  WeeklyMeetings,
} from './chart-types.js';
import { activityChart } from './charts/activity.chart.js';
import { meetingsChart } from './charts/meetings.chart.js';
import { targetsChart } from './charts/targets.chart.js';
import { composeSvg } from './compose-svg.js';
import { renderSvg } from './render-svg.js';
import { svgToPng, type PngOptions } from './svg-to-png.js';

/** A guild's figures for its picture (`/kaltura-stats`, `GET …/insights.png`). */
export interface InsightsFigures {
  days: readonly DailyActivity[];
  weeks: readonly WeeklyMeetings[];
  metrics: readonly TargetMetric[];
}

export const insightsPictureSize = { width: 1000, height: 760 } as const;

/** The last 30 days on top, meetings per week and the metrics against their targets below. */
export function insightsSvg(figures: InsightsFigures, context: ChartContext): RenderedChart {
  const activity = renderSvg(activityChart(figures.days, context));
  const meetings = renderSvg(meetingsChart(figures.weeks, context));
  const targets = renderSvg(targetsChart(figures.metrics, context));
  const { width, height } = insightsPictureSize;
  const svg = composeSvg(width, height, [
    { chart: activity, x: 0, y: 0 },
    { chart: meetings, x: 0, y: activity.height },
    { chart: targets, x: meetings.width, y: activity.height },
  ]);
  const alt = [
    translate(context.locale, 'stats.alt_picture'),
    activity.alt,
    meetings.alt,
    targets.alt,
  ];
  return { svg, width, height, alt: alt.join(' ') };
}

export interface InsightsPng {
  png: Buffer;
  alt: string;
  width: number;
  height: number;
}

export function insightsPng(
  figures: InsightsFigures,
  context: ChartContext,
  options: PngOptions = {},
): InsightsPng {
  const { svg, alt, width, height } = insightsSvg(figures, context);
  return { png: svgToPng(svg, options), alt, width, height };
}
