import { discordLimits, truncate } from '@kd/discord';
import type { GuildConfig, NotificationKind } from '@kd/guild-config';
import type { Locale } from '@kd/i18n';
import type { MeetingState } from '@kd/meetings';
import { joinButtonRow } from './join-button.js';
import { fillTemplate, notificationLocale } from './localized-text.js';
import { kindOf, type NotifyingEvent } from './notification-kind.js';
import { placeholderValues, type LinkOptions } from './placeholder-values.js';

export type SkipReason =
  | 'no_guild'
  | 'stale'
  | 'notifications_disabled'
  | 'kind_disabled'
  | 'feature_disabled'
  | 'unknown_meeting'
  | 'no_channel'
  | 'empty_message'
  /** The living message was deleted again after its one repost: left alone. */
  | 'announcement_deleted'
  /** A change only a living message shows (RSVPs, a cancelation), in "separate posts" mode. */
  | 'living_only';

export interface NotificationSettings {
  kind: NotificationKind;
  template: string;
  /** A channel id, or `default`: the channel the meeting was started from. */
  channel: string;
  /** The guild's `general.locale`: fixed texts (the Join button) are in it. */
  locale: Locale;
  /** The template is the default one: it comes from the catalog, in `locale`. */
  translated: boolean;
}

export type NotificationPlan =
  | { send: false; kind: NotificationKind; reason: SkipReason }
  | {
      send: true;
      kind: NotificationKind;
      channelId: string;
      content: string;
      /** A meeting start carries the Join button: each member gets their own link, privately. */
      components?: Record<string, unknown>[];
    };

/** Whether a guild wants this kind at all; checked before anything is loaded. */
export function notificationSettings(
  config: GuildConfig,
  kind: NotificationKind,
  defaults: GuildConfig,
): NotificationSettings | { skip: SkipReason } {
  const n = config.notifications;
  if (!n.enabled) return { skip: 'notifications_disabled' };
  if (!n.types[kind]) return { skip: 'kind_disabled' };
  if (kind === 'recording_ready' && !config.features.recordings)
    return { skip: 'feature_disabled' };
  const template = n.templates[kind];
  return {
    kind,
    template,
    channel: n.channels[kind],
    locale: notificationLocale(config),
    translated: template === defaults.notifications.templates[kind],
  };
}

export interface PlanInput {
  event: NotifyingEvent;
  settings: NotificationSettings;
  meeting: MeetingState;
  /** The channel the meeting was started from, when known. */
  originChannelId: string | null;
  links: LinkOptions;
}

/** Where the message goes and what it says, within Discord's 2,000 characters. */
export function planNotification(input: PlanInput): NotificationPlan {
  const { event, settings, meeting } = input;
  const kind = kindOf(event.type);
  if (meeting.status === 'none') return { send: false, kind, reason: 'unknown_meeting' };
  const channelId = settings.channel === 'default' ? input.originChannelId : settings.channel;
  if (!channelId) return { send: false, kind, reason: 'no_channel' };
  const { locale, template, translated } = settings;
  const values = placeholderValues(event, meeting, input.links, locale);
  const rendered = fillTemplate(kind, template, translated ? locale : null, values);
  const content = truncate(rendered, discordLimits.content);
  if (!content.trim()) return { send: false, kind, reason: 'empty_message' };
  const joinable = event.type === 'meeting.started' && meeting.status !== 'ended';
  return {
    send: true,
    kind,
    channelId,
    content,
    ...(joinable ? { components: joinButtonRow(meeting.meetingId, locale) } : {}),
  };
}
