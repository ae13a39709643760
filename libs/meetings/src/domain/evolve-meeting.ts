import type { Meeting, MeetingEvent, MeetingState } from './meeting-state.js';
import { noMeeting } from './meeting-state.js';
import { evolveSchedule } from './evolve-schedule.js';
import { MeetingDraft } from './meeting-draft.js';

/**
 * Applies one event of the meeting's own subject, leaving `state` as it was. The store
 * guarantees `meeting.created` comes first (it is appended with expected last sequence 0), so
 * anything before it is ignored. A collection the event changes is copied (O(its size)); to fold
 * many events use `foldMeeting` / `foldMeetingFrom`, which copy each collection at most once.
 */
export function evolveMeeting(state: MeetingState, event: MeetingEvent): MeetingState {
  if (event.type === 'meeting.created') return state.status === 'none' ? created(event) : state;
  if (state.status === 'none') return state;
  const draft = new MeetingDraft(state, false);
  apply(draft, event);
  return draft.meeting;
}

/** The state after a whole history, oldest first: O(1) per event. */
export function foldMeeting(events: readonly MeetingEvent[]): MeetingState {
  return foldMeetingFrom(noMeeting, events, false);
}

/**
 * The state after `events` folded onto `state`, equal to `events.reduce(evolveMeeting, state)`
 * but O(1) per event: the collections are copied at most once for the whole fold (never when
 * `owned`) and then changed in place. `owned`: nobody else holds `state` (it was just built, e.g.
 * from a snapshot), so its collections may be changed; otherwise `state` is left as it was.
 */
export function foldMeetingFrom(
  state: MeetingState,
  events: Iterable<MeetingEvent>,
  owned: boolean,
): MeetingState {
  let draft = state.status === 'none' ? undefined : new MeetingDraft(state, owned);
  for (const event of events) {
    if (event.type === 'meeting.created') draft ??= new MeetingDraft(created(event), true);
    else if (draft) apply(draft, event);
  }
  return draft ? draft.meeting : state;
}

/** One event other than `meeting.created`, changing the draft in place. */
function apply(d: MeetingDraft, event: Exclude<MeetingEvent, { type: 'meeting.created' }>): void {
  if (event.causationId) d.add('causations', event.causationId);
  const m = d.meeting;
  switch (event.type) {
    case 'meeting.join_link_issued': {
      const { userId, kalturaRole } = event.payload;
      d.add('participants', userId);
      d.setLinkRole(userId, kalturaRole);
      return;
    }
    case 'meeting.started':
      if (m.status === 'created') {
        m.status = 'live';
        m.startedAt = event.occurredAt;
      }
      return;
    case 'meeting.participant_joined': {
      const id = event.payload.participantId;
      d.add('participants', id);
      d.add('present', id);
      return;
    }
    case 'meeting.participant_left':
      d.remove('present', event.payload.participantId);
      return;
    case 'meeting.ended':
      if (m.status !== 'ended') {
        m.status = 'ended';
        m.endedAt = event.occurredAt;
        m.endedBy = event.payload.endedBy;
      }
      return;
    case 'meeting.recording_ready':
      d.pushRecording(event.payload.entryId);
      return;
    case 'meeting.scheduled':
    case 'meeting.canceled':
    case 'meeting.discord_event_linked':
    case 'meeting.discord_event_failed':
    case 'meeting.discord_event_deleted':
    case 'meeting.rsvp_added':
    case 'meeting.rsvp_removed':
      evolveSchedule(d, event);
      return;
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
