import type { Meeting, MeetingEvent, MeetingState } from './meeting-state.js';
import { noMeeting } from './meeting-state.js';

/**
 * The meeting fold as it was before the copy-on-write draft (every event that touched a
 * collection copied it whole): the oracle the specs compare `foldMeeting` and `evolveMeeting`
 * with. Test code only; keep it as it is.
 */
export function immutableFold(
  events: readonly MeetingEvent[],
  from: MeetingState = noMeeting,
): MeetingState {
  return events.reduce(evolve, from);
}

const withItem = (set: ReadonlySet<string>, item: string) => new Set([...set, item]);
const withoutItem = (set: ReadonlySet<string>, item: string) =>
  new Set([...set].filter((x) => x !== item));

function evolve(state: MeetingState, event: MeetingEvent): MeetingState {
  if (event.type === 'meeting.created') return state.status === 'none' ? created(event) : state;
  if (state.status === 'none') return state;
  const next = event.causationId
    ? { ...state, causations: withItem(state.causations, event.causationId) }
    : state;
  return apply(next, event);
}

function apply(m: Meeting, event: Exclude<MeetingEvent, { type: 'meeting.created' }>): Meeting {
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
    case 'meeting.scheduled': {
      const { startsAt, durationMinutes, timezone, scheduledBy, channelId } = event.payload;
      const schedule = { startsAt, durationMinutes, timezone, scheduledBy, channelId };
      return { ...m, schedule, scheduledFor: startsAt };
    }
    case 'meeting.canceled':
      return m.canceledAt
        ? m
        : { ...m, canceledAt: event.occurredAt, canceledBy: event.payload.canceledBy };
    case 'meeting.discord_event_linked':
      return {
        ...m,
        discordEvent: { state: 'linked', discordEventId: event.payload.discordEventId },
      };
    case 'meeting.discord_event_failed':
      return { ...m, discordEvent: { state: 'failed', reason: event.payload.reason } };
    case 'meeting.discord_event_deleted':
      return {
        ...m,
        discordEvent: { state: 'deleted', discordEventId: event.payload.discordEventId },
      };
    case 'meeting.rsvp_added':
      return { ...m, rsvps: new Set([...m.rsvps, event.payload.userId]) };
    case 'meeting.rsvp_removed':
      return { ...m, rsvps: new Set([...m.rsvps].filter((u) => u !== event.payload.userId)) };
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
