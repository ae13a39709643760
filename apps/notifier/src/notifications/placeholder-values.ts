import type { Meeting } from '@kd/meetings';
import { escapeUserText } from './escape-user-text.js';
import { formatDuration } from './format-duration.js';
import type { NotifyingEvent } from './notification-kind.js';

export interface LinkOptions {
  /** URL template of a recording, `{entryId}` replaced; without it the entry id is shown. */
  recordingUrl?: string | undefined;
}

const snowflake = /^\d{17,20}$/;

/**
 * The values of a kind's placeholders (docs/guild-config.md). User text is escaped; what we build
 * ourselves (user mentions, the join command, URLs) is not. Mentions render as names and ping
 * nobody: messages are sent with `allowed_mentions: {parse: []}`.
 */
export function placeholderValues(
  event: NotifyingEvent,
  meeting: Meeting,
  links: LinkOptions,
): Record<string, string> {
  const common = {
    title: escapeUserText(meeting.title),
    meetingId: escapeUserText(meeting.meetingId),
    meetingType: meeting.type,
  };
  switch (event.type) {
    case 'meeting.started':
      return { ...common, joinUrl: joinCommand(meeting), startedBy: `<@${meeting.ownerUserId}>` };
    case 'meeting.ended':
      return {
        ...common,
        endedBy: event.payload.endedBy === 'kaltura' ? 'Kaltura' : person(event.payload.endedBy),
        duration: formatDuration(meeting.startedAt ?? meeting.createdAt, event.occurredAt),
      };
    case 'meeting.recording_ready':
      return {
        ...common,
        recordingUrl: recordingUrl(event.payload.entryId, links),
        entryId: escapeUserText(event.payload.entryId),
      };
    case 'meeting.participant_joined':
    case 'meeting.participant_left':
      return { ...common, participant: person(event.payload.participantId) };
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}

/** Join links are personal (a KS per member): the channel learns how to get one. */
function joinCommand(meeting: Meeting): string {
  return `\`/kaltura-join meeting-id:${meeting.meetingId}\``;
}

function person(id: string): string {
  return snowflake.test(id) ? `<@${id}>` : escapeUserText(id);
}

function recordingUrl(entryId: string, links: LinkOptions): string {
  if (!links.recordingUrl) return escapeUserText(entryId);
  return links.recordingUrl.replaceAll('{entryId}', encodeURIComponent(entryId));
}
