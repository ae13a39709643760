import type { GuildInsights, GuildTrends, MetricValue } from '@kd/analytics';
import { insightsPng, type InsightsFigures, type InsightsPng, type TargetMetric } from '@kd/charts';
import { hasMessage, translate, type Locale } from '@kd/i18n';

export type GuildOverview = GuildInsights & { trends: GuildTrends };

/** An engagement metric's name in the reader's language (the analytics label otherwise). */
export function metricLabel(metric: MetricValue, locale: Locale): string {
  const key = `stats.metric_${metric.metric}`;
  return hasMessage(key) ? translate(locale, key) : metric.label;
}

const unitOf = (metric: MetricValue): TargetMetric['unit'] =>
  metric.metric === 'unique_users' || metric.metric === 'feature_adoption' ? 'ratio' : 'rate';

export function insightsFigures(overview: GuildOverview, locale: Locale): InsightsFigures {
  return {
    days: overview.trends.days.map((d) => ({
      day: d.day,
      commands: d.commands,
      activeMembers: d.uniqueUsers,
    })),
    weeks: overview.trends.weeks.map((w) => ({ week: w.week, meetings: w.meetingsCreated })),
    metrics: overview.engagement.map((m) => ({
      label: metricLabel(m, locale),
      value: m.value,
      target: m.target,
      unit: unitOf(m),
    })),
  };
}

/**
 * A guild's picture (`/kaltura-stats`, `GET /api/v1/guilds/{id}/insights.png`): drawn as of the
 * figures' own instant, so the same snapshot always gives the same image.
 */
export function guildInsightsPng(overview: GuildOverview, locale: Locale): InsightsPng {
  return insightsPng(insightsFigures(overview, locale), { locale, now: new Date(overview.asOf) });
}
