import type { ReplyEmbed } from '@kd/discord';
import type { ActiveMeeting, MeetingSummary } from '@kd/meetings';

const typeLabel = { meeting: 'Meeting', webinar: 'Webinar', classroom: 'Classroom' } as const;
const blurple = 0x5865f2;

/** Titles and descriptions are user text: they go into embed fields (never pinging anyone). */
export function meetingEmbed(
  meeting: MeetingSummary,
  extra: { joinUrl?: string } = {},
): ReplyEmbed {
  return {
    title: meeting.title,
    ...(meeting.description ? { description: meeting.description } : {}),
    color: blurple,
    fields: [
      { name: 'Type', value: typeLabel[meeting.type], inline: true },
      { name: 'Meeting id', value: `\`${meeting.meetingId}\``, inline: true },
      { name: 'Host', value: `<@${meeting.ownerUserId}>`, inline: true },
      ...(extra.joinUrl
        ? [
            {
              name: 'Your join link',
              value: `[Join now](${extra.joinUrl}) — personal, do not share`,
            },
          ]
        : []),
    ],
  };
}

export function activeMeetingLine(meeting: ActiveMeeting): string {
  const state =
    meeting.status === 'live'
      ? `live, ${meeting.liveParticipants} in the room`
      : meeting.scheduledStart
        ? `📅 <t:${Math.floor(meeting.scheduledStart.getTime() / 1000)}:F>, 🙋 ${meeting.rsvps}`
        : 'not started yet';
  return `\`${meeting.meetingId}\` **${escapeMarkdown(meeting.title)}** (${typeLabel[meeting.type]}, ${state}) — host <@${meeting.ownerUserId}>`;
}

/** Keeps user text from turning into formatting in message content. */
export function escapeMarkdown(text: string): string {
  return text.replace(/([\\*_~`|>#[\]()-])/g, '\\$1');
}
