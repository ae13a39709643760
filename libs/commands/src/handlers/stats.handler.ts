import { KdError } from '@kd/events';
import type { CommandHandler, Reply } from '@kd/discord';
import type { GuildInsights, MetricValue } from '@kd/analytics';
import type { CommandServices } from '../command-services.js';

/** `/kaltura-stats`: the server's own engagement, retention and customization, against the targets. */
export function statsHandler(s: CommandServices): CommandHandler<'kaltura-stats'> {
  return async (invocation) => {
    const guildId = invocation.guildId ?? '';
    const insights = await s.insights(guildId);
    if (!insights)
      throw new KdError(
        'STATS.NO_DATA',
        'No activity recorded for this server yet: use a few commands and try again later.',
        'not_found',
      );
    return statsReply(insights);
  };
}

const mark = (onTarget: boolean | null) => (onTarget === null ? '▫️' : onTarget ? '✅' : '⚠️');
const yesNo = (value: boolean | null, pending: string) =>
  value === null ? pending : value ? 'yes' : 'no';

function formatValue(metric: MetricValue): string {
  if (metric.value === null) return 'no data yet';
  const ratio = metric.metric === 'unique_users' || metric.metric === 'feature_adoption';
  const shown = ratio ? `${Math.round(metric.value * 100)}%` : metric.value.toFixed(1);
  const target = ratio ? `${Math.round(metric.target * 100)}%` : String(metric.target);
  return `${shown} (target > ${target})`;
}

export function statsReply(i: GuildInsights): Reply {
  const a = i.activity;
  const customized = [
    i.customization.templates && 'templates',
    i.customization.roleMapping && 'role mapping',
    i.customization.notifications && 'notifications',
  ].filter(Boolean);
  return {
    ephemeral: true,
    embeds: [
      {
        title: 'Kaltura usage in this server',
        description: `Last 7 days: ${a.commands7d} commands on ${a.activeDays7d} days. Last 30 days: ${a.commands30d} commands by ${a.uniqueUsers30d} people, active on ${a.activeDays30d} days.`,
        fields: [
          ...i.engagement.map((metric) => ({
            name: `${mark(metric.onTarget)} ${metric.label}`,
            value: formatValue(metric),
            inline: true,
          })),
          {
            name: 'Retention',
            value: [
              `Weekly active: ${i.retention.weeklyActive ? 'yes' : 'no'}`,
              `Still using commands after 30 days: ${yesNo(i.retention.commandRetained30d, 'not 30 days yet')}`,
              `Retained after 90 days: ${yesNo(i.retention.serverRetained90d, 'not 90 days yet')}`,
            ].join('\n'),
          },
          {
            name: 'Customization',
            value: i.customization.anyOverride
              ? `Custom settings${customized.length ? `: ${customized.join(', ')}` : ''}`
              : 'All defaults (`/kaltura-config-view`)',
          },
        ],
        footer: {
          text: `Installed ${i.installDay ?? 'unknown'} · figures as of ${i.asOf.slice(0, 16).replace('T', ' ')} UTC · complete days only`,
        },
      },
    ],
  };
}
