import type { ReplyEmbed } from '@kd/discord';
import { defaultLocale, translatorFor, type Locale } from '@kd/i18n';
import type { ActiveMeeting, MeetingSummary } from '@kd/meetings';

const blurple = 0x5865f2;

/** Titles and descriptions are user text: they go into embed fields (never pinging anyone). */
export function meetingEmbed(
  meeting: MeetingSummary,
  extra: { joinUrl?: string } = {},
  locale: Locale = defaultLocale,
): ReplyEmbed {
  const t = translatorFor(locale);
  return {
    title: meeting.title,
    ...(meeting.description ? { description: meeting.description } : {}),
    color: blurple,
    fields: [
      {
        name: t('meetings.field_type'),
        value: t('meetings.type_label', { type: meeting.type }),
        inline: true,
      },
      { name: t('meetings.field_meeting_id'), value: `\`${meeting.meetingId}\``, inline: true },
      { name: t('meetings.field_host'), value: `<@${meeting.ownerUserId}>`, inline: true },
      ...(extra.joinUrl
        ? [
            {
              name: t('meetings.field_join_link'),
              value: t('meetings.join_link_value', { url: extra.joinUrl }),
            },
          ]
        : []),
    ],
  };
}

export function activeMeetingLine(meeting: ActiveMeeting, locale: Locale = defaultLocale): string {
  const t = translatorFor(locale);
  const state =
    meeting.status === 'live'
      ? t('meetings.live_state', { participants: meeting.liveParticipants })
      : meeting.scheduledStart
        ? t('meetings.scheduled_state', {
            start: `<t:${Math.floor(meeting.scheduledStart.getTime() / 1000)}:F>`,
            rsvps: meeting.rsvps,
          })
        : t('meetings.not_started');
  return t('meetings.active_line', {
    meetingId: meeting.meetingId,
    title: escapeMarkdown(meeting.title),
    type: t('meetings.type_label', { type: meeting.type }),
    state,
    ownerUserId: meeting.ownerUserId,
  });
}

/** Keeps user text from turning into formatting in message content. */
export function escapeMarkdown(text: string): string {
  return text.replace(/([\\*_~`|>#[\]()-])/g, '\\$1');
}
