import type { Meeting, MeetingEvent, MeetingState } from './meeting-state.js';
import { noMeeting } from './meeting-state.js';
import { evolveSchedule } from './evolve-schedule.js';

const withItem = (set: ReadonlySet<string>, item: string) => new Set([...set, item]);
const withoutItem = (set: ReadonlySet<string>, item: string) =>
  new Set([...set].filter((x) => x !== item));

/**
 * Applies one event of the meeting's own subject. The store guarantees `meeting.created` comes
 * first (it is appended with expected last sequence 0), so anything before it is ignored.
 */
export function evolveMeeting(state: MeetingState, event: MeetingEvent): MeetingState {
  if (event.type === 'meeting.created') return state.status === 'none' ? created(event) : state;
  if (state.status === 'none') return state;
  const next = event.causationId
    ? { ...state, causations: withItem(state.causations, event.causationId) }
    : state;
  return applyToMeeting(next, event);
}

function applyToMeeting(
  m: Meeting,
  event: Exclude<MeetingEvent, { type: 'meeting.created' }>,
): Meeting {
  switch (event.type) {
    case 'meeting.join_link_issued': {
      const { userId, kalturaRole } = event.payload;
      return {
        ...m,
        participants: withItem(m.participants, userId),
        linkRoles: new Map([...m.linkRoles, [userId, kalturaRole]]),
      };
    }
    case 'meeting.started':
      return m.status === 'created' ? { ...m, status: 'live', startedAt: event.occurredAt } : m;
    case 'meeting.participant_joined': {
      const id = event.payload.participantId;
      return { ...m, participants: withItem(m.participants, id), present: withItem(m.present, id) };
    }
    case 'meeting.participant_left':
      return { ...m, present: withoutItem(m.present, event.payload.participantId) };
    case 'meeting.ended':
      return m.status === 'ended'
        ? m
        : { ...m, status: 'ended', endedAt: event.occurredAt, endedBy: event.payload.endedBy };
    case 'meeting.recording_ready':
      return { ...m, recordingEntryIds: [...m.recordingEntryIds, event.payload.entryId] };
    case 'meeting.scheduled':
    case 'meeting.canceled':
    case 'meeting.discord_event_linked':
    case 'meeting.discord_event_failed':
    case 'meeting.discord_event_deleted':
    case 'meeting.rsvp_added':
    case 'meeting.rsvp_removed':
      return evolveSchedule(m, event);
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}

function created(event: Extract<MeetingEvent, { type: 'meeting.created' }>): Meeting {
  const p = event.payload;
  return {
    status: 'created',
    meetingId: p.meetingId,
    guildId: event.guildId,
    ownerUserId: p.ownerUserId,
    kalturaResourceId: p.kalturaResourceId,
    type: p.type,
    title: p.title,
    description: p.description,
    createdAt: event.occurredAt,
    startedAt: null,
    endedAt: null,
    endedBy: null,
    participants: new Set(),
    linkRoles: new Map(),
    present: new Set(),
    recordingEntryIds: [],
    scheduledFor: null,
    schedule: null,
    canceledAt: null,
    canceledBy: null,
    rsvps: new Set(),
    discordEvent: { state: 'none' },
    causations: new Set(event.causationId ? [event.causationId] : []),
  };
}

/** The state after a whole history, oldest first. */
export function foldMeeting(events: readonly MeetingEvent[]): MeetingState {
  return events.reduce(evolveMeeting, noMeeting);
}
