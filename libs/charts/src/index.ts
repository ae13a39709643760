// Charts rendered on the server without a browser (docs/charts.md): data → ECharts SSR SVG →
// resvg PNG, each with its alt text. Pure: the clock and the locale are inputs.
export type {
  ChartContext,
  ChartSpec,
  CohortCell,
  DailyActivity,
  FeatureShare,
  RenderedChart,
  TargetMetric,
  WeeklyMeetings,
} from './chart-types.js';
export { renderSvg } from './render-svg.js';
export { svgToPng, pngSize, type PngOptions } from './svg-to-png.js';
export { activityChart, ACTIVITY_DAYS } from './charts/activity.chart.js';
export { meetingsChart, MEETING_WEEKS } from './charts/meetings.chart.js';
export { targetsChart } from './charts/targets.chart.js';
export { cohortHeatmap } from './charts/cohort-heatmap.chart.js';
export { featureAdoptionChart } from './charts/feature-adoption.chart.js';
export { noDataChart } from './charts/no-data.chart.js';
export { composeSvg } from './compose-svg.js';
export {
  insightsSvg,
  insightsPng,
  insightsPictureSize,
  type InsightsFigures,
  type InsightsPng,
} from './insights-picture.js';
export { lastCompleteDays, lastCompleteWeeks } from './calendar.js';
