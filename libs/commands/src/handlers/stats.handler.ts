import { KdError } from '@kd/events';
import type { CommandHandler, Reply, ReplyFile } from '@kd/discord';
import type { GuildInsights, MetricValue } from '@kd/analytics';
import { resolveLocale, translate, type Locale } from '@kd/i18n';
import type { CommandServices } from '../command-services.js';
import { guildInsightsPng, metricLabel, type GuildOverview } from '../stats/insights-picture.js';

export const STATS_PICTURE = 'insights.png';

/**
 * `/kaltura-stats`: the server's own engagement, retention and customization against the
 * targets, in the member's language, with a picture of the last 30 days.
 */
export function statsHandler(s: CommandServices): CommandHandler<'kaltura-stats'> {
  return async (invocation) => {
    const locale = resolveLocale(invocation.locale);
    const overview = await s.insights(invocation.guildId ?? '');
    if (!overview)
      throw new KdError('STATS.NO_DATA', translate(locale, 'stats.no_data_error'), 'not_found');
    const reply = statsReply(overview, locale);
    try {
      return withPicture(reply, picture(overview, locale));
    } catch (error) {
      // The figures matter more than their picture: the text goes out without it.
      s.logger.warn({ err: error, guildId: overview.guildId }, 'stats picture not rendered');
      return reply;
    }
  };
}

function picture(overview: GuildOverview, locale: Locale): ReplyFile {
  const { png, alt } = guildInsightsPng(overview, locale);
  return { name: STATS_PICTURE, data: png, contentType: 'image/png', description: alt };
}

function withPicture(reply: Reply, file: ReplyFile): Reply {
  const [embed, ...rest] = reply.embeds ?? [];
  const image = { url: `attachment://${file.name}` };
  return { ...reply, embeds: [{ ...embed, image }, ...rest], files: [file] };
}

const mark = (onTarget: boolean | null) => (onTarget === null ? '▫️' : onTarget ? '✅' : '⚠️');

function formatValue(metric: MetricValue, locale: Locale): string {
  if (metric.value === null) return translate(locale, 'stats.no_value');
  const ratio = metric.metric === 'unique_users' || metric.metric === 'feature_adoption';
  const format = ratio
    ? new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 })
    : new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const target = ratio
    ? format.format(metric.target)
    : new Intl.NumberFormat(locale).format(metric.target);
  return translate(locale, 'stats.value_with_target', {
    value: format.format(metric.value),
    target,
  });
}

export function statsReply(i: GuildInsights, locale: Locale): Reply {
  const t = (key: string, values?: Record<string, string | number>) =>
    translate(locale, `stats.${key}`, values);
  const a = i.activity;
  const answer = (value: boolean | null, pending: string) =>
    value === null ? t(pending) : t(value ? 'yes' : 'no');
  const customized = [
    i.customization.templates && t('custom_templates'),
    i.customization.roleMapping && t('custom_role_mapping'),
    i.customization.notifications && t('custom_notifications'),
  ].filter((x): x is string => Boolean(x));
  const list = new Intl.ListFormat(locale, { type: 'conjunction' }).format(customized);
  return {
    ephemeral: true,
    embeds: [
      {
        title: t('title'),
        description: t('summary', {
          commands7d: a.commands7d,
          activeDays7d: a.activeDays7d,
          commands30d: a.commands30d,
          users30d: a.uniqueUsers30d,
          activeDays30d: a.activeDays30d,
        }),
        fields: [
          ...i.engagement.map((metric) => ({
            name: `${mark(metric.onTarget)} ${metricLabel(metric, locale)}`,
            value: formatValue(metric, locale),
            inline: true,
          })),
          {
            name: t('retention'),
            value: [
              t('weekly_active', { answer: answer(i.retention.weeklyActive, 'no') }),
              t('retained_30d', { answer: answer(i.retention.commandRetained30d, 'not_30_days') }),
              t('retained_90d', { answer: answer(i.retention.serverRetained90d, 'not_90_days') }),
            ].join('\n'),
          },
          {
            name: t('customization'),
            value: i.customization.anyOverride
              ? customized.length
                ? t('custom_settings_of', { list })
                : t('custom_settings')
              : t('all_defaults'),
          },
        ],
        footer: {
          text: t('footer', {
            installDay: i.installDay ?? t('unknown'),
            asOf: i.asOf.slice(0, 16).replace('T', ' '),
          }),
        },
      },
    ],
  };
}
