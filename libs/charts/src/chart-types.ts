import type { EChartsOption } from 'echarts';
import type { Locale } from '@kd/i18n';

/** One UTC day of a guild's (or the install's) activity. */
export interface DailyActivity {
  /** `YYYY-MM-DD` (UTC). */
  day: string;
  commands: number;
  activeMembers: number;
}

/** Meetings created in one ISO week, named by its Monday (`YYYY-MM-DD`). */
export interface WeeklyMeetings {
  week: string;
  meetings: number;
}

/** A metric beside its target; `value` null when there is nothing to measure yet. */
export interface TargetMetric {
  label: string;
  value: number | null;
  target: number;
  /** Ratios (0–1) are shown as percentages, rates as decimals. */
  unit: 'rate' | 'ratio';
}

/** The share of one install cohort active in week k after its install week. */
export interface CohortCell {
  cohortWeek: string;
  weeksSinceInstall: number;
  /** 0–1. */
  share: number;
}

/** How much one command is used: a share 0–1 (of active guilds, of the guild's members, …). */
export interface FeatureShare {
  command: string;
  share: number;
}

/** What every chart is drawn with: the reader's language and the instant the figures end at. */
export interface ChartContext {
  locale: Locale;
  now: Date;
}

/** A chart ready to render: the ECharts option, its fixed size and its text alternative. */
export interface ChartSpec {
  option: EChartsOption;
  width: number;
  height: number;
  alt: string;
}

/** A rendered chart: SVG markup and the alt text that describes it. */
export interface RenderedChart {
  svg: string;
  width: number;
  height: number;
  alt: string;
}
