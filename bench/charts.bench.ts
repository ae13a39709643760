/**
 * Chart rendering (issue 15): p50/p95 time per chart over --renders renders after --warmup
 * unmeasured ones, SVG (ECharts SSR) and PNG (resvg) apart, plus the whole /kaltura-stats
 * picture (three charts composed, then rasterized). Target: p95 < 150 ms per chart. CPU only:
 * no database, no NATS.
 *   npm run bench:charts -- --renders 50
 * One JSON line per chart: {bench, chart, renders, svg_p50_ms, svg_p95_ms, png_p50_ms, png_p95_ms}.
 */
import {
  activityChart,
  cohortHeatmap,
  featureAdoptionChart,
  insightsSvg,
  meetingsChart,
  renderSvg,
  svgToPng,
  targetsChart,
  type ChartContext,
  type RenderedChart,
} from '@kd/charts';
import { benchArgs } from './support/bench-env.js';
import { percentile } from './support/scrape.js';

const { args } = benchArgs(
  'charts',
  'p95 render time per chart (ECharts SSR SVG, resvg PNG); target < 150 ms. Issue 15.',
  { renders: 50, warmup: 5 },
);

const now = new Date('2026-12-28T00:00:00Z');
const context: ChartContext = { locale: 'en-US', now };
const days = Array.from({ length: 30 }, (_, i) => ({
  day: new Date(Date.UTC(2026, 10, 28 + i)).toISOString().slice(0, 10),
  commands: (i * 37) % 120,
  activeMembers: (i * 13) % 40,
}));
const weeks = Array.from({ length: 8 }, (_, i) => ({
  week: new Date(Date.UTC(2026, 10, 2 + 7 * i)).toISOString().slice(0, 10),
  meetings: (i * 5) % 17,
}));
const metrics = [
  { label: 'Commands per active day (7 days)', value: 7.5, target: 5, unit: 'rate' as const },
  { label: 'Members using commands (30 days)', value: 0.2, target: 0.3, unit: 'ratio' as const },
  { label: 'Meetings per active week (4 weeks)', value: 1, target: 3, unit: 'rate' as const },
  { label: 'Participants per meeting (30 days)', value: 4.2, target: 3, unit: 'rate' as const },
  { label: 'Commands in use (30 days)', value: 0.5, target: 0.7, unit: 'ratio' as const },
];
const cohorts = Array.from({ length: 12 }, (_, c) =>
  Array.from({ length: 12 - c }, (_, k) => ({
    cohortWeek: new Date(Date.UTC(2026, 9, 5 + 7 * c)).toISOString().slice(0, 10),
    weeksSinceInstall: k,
    share: k === 0 ? 1 : 0.9 / (k + 1),
  })),
).flat();
const features = ['start', 'join', 'end', 'list', 'stats', 'config-view', 'video-search'].map(
  (name, i) => ({ command: `kaltura-${name}`, share: (7 - i) / 7 }),
);

const charts: [string, () => RenderedChart][] = [
  ['activity', () => renderSvg(activityChart(days, context))],
  ['meetings', () => renderSvg(meetingsChart(weeks, context))],
  ['targets', () => renderSvg(targetsChart(metrics, context))],
  ['cohort-heatmap', () => renderSvg(cohortHeatmap(cohorts, context))],
  ['feature-adoption', () => renderSvg(featureAdoptionChart(features, context))],
  ['insights-picture', () => insightsSvg({ days, weeks, metrics }, context)],
];

const ms = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e6;

for (const [chart, render] of charts) {
  const svgTimes: number[] = [];
  const pngTimes: number[] = [];
  for (let i = 0; i < args.warmup + args.renders; i++) {
    const started = process.hrtime.bigint();
    const { svg } = render();
    const svgDone = process.hrtime.bigint();
    svgToPng(svg);
    if (i < args.warmup) continue;
    svgTimes.push(Number(svgDone - started) / 1e6);
    pngTimes.push(ms(svgDone));
  }
  console.log(
    JSON.stringify({
      bench: 'charts',
      chart,
      renders: args.renders,
      svg_p50_ms: percentile(svgTimes, 0.5),
      svg_p95_ms: percentile(svgTimes, 0.95),
      png_p50_ms: percentile(pngTimes, 0.5),
      png_p95_ms: percentile(pngTimes, 0.95),
    }),
  );
}
