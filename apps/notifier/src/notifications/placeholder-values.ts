import { defaultLocale, type Locale } from '@kd/i18n';
import type { Meeting } from '@kd/meetings';
import { escapeUserText } from './escape-user-text.js';
import type { LivingStage } from './living-stage.js';
import { localizedDuration } from './localized-text.js';
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
  locale: Locale = defaultLocale,
): Record<string, string> {
  const common = commonValues(meeting);
  switch (event.type) {
    case 'meeting.scheduled':
      return {
        ...common,
        startsAt: `<t:${Math.floor(Date.parse(event.payload.startsAt) / 1000)}:F>`,
        scheduledBy: `<@${meeting.ownerUserId}>`,
      };
    case 'meeting.canceled':
    case 'meeting.rsvp_added':
    case 'meeting.rsvp_removed':
      return common;
    case 'meeting.started':
      return { ...common, joinUrl: joinCommand(meeting), startedBy: `<@${meeting.ownerUserId}>` };
    case 'meeting.ended':
      return {
        ...common,
        endedBy: event.payload.endedBy === 'kaltura' ? 'Kaltura' : person(event.payload.endedBy),
        duration: localizedDuration(
          meeting.startedAt ?? meeting.createdAt,
          event.occurredAt,
          locale,
        ),
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

/**
 * The values of a living message's stage, from the meeting's whole history (not from the event
 * that triggered the edit), so every edit shows the same facts for the same history.
 */
export function stageValues(
  view: Meeting,
  stage: LivingStage,
  links: LinkOptions,
  locale: Locale,
): Record<string, string> {
  const common = commonValues(view);
  switch (stage) {
    case 'scheduled':
    case 'canceled':
      return {
        ...common,
        startsAt: view.scheduledFor ? discordTime(view.scheduledFor, 'F') : '',
        scheduledBy: person(view.ownerUserId),
      };
    case 'live':
      return { ...common, joinUrl: joinCommand(view), startedBy: person(view.ownerUserId) };
    case 'ended':
      return { ...common, endedBy: endedBy(view), duration: meetingDuration(view, locale) };
    case 'recording': {
      const entryId = view.recordingEntryIds.at(-1) ?? '';
      const recording = {
        recordingUrl: recordingUrl(entryId, links),
        entryId: escapeUserText(entryId),
      };
      return { ...common, ...recording };
    }
  }
}

/** How long an ended meeting ran: from its start (or creation, never reported live) to its end. */
export function meetingDuration(view: Meeting, locale: Locale): string {
  return localizedDuration(
    view.startedAt ?? view.createdAt,
    view.endedAt ?? view.createdAt,
    locale,
  );
}

/** A Discord timestamp tag: each reader sees it in their own time zone and language. */
export function discordTime(iso: string, style: 'F' | 't' | 'R'): string {
  return `<t:${Math.floor(Date.parse(iso) / 1000)}:${style}>`;
}

/** A recording link for buttons: only an http(s) URL, never a bare entry id. */
export function recordingLink(entryId: string, links: LinkOptions): string | undefined {
  const url = links.recordingUrl && recordingUrl(entryId, links);
  return url && /^https?:\/\//.test(url) ? url : undefined;
}

function commonValues(meeting: Meeting): Record<string, string> {
  return {
    title: escapeUserText(meeting.title),
    meetingId: escapeUserText(meeting.meetingId),
    meetingType: meeting.type,
  };
}

function endedBy(view: Meeting): string {
  if (!view.endedBy) return '';
  return view.endedBy === 'kaltura' ? 'Kaltura' : person(view.endedBy);
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
