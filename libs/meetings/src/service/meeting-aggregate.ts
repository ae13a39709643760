import type { AggregateModel, FoldedEvent } from '@kd/event-store';
import { newEvent, type DomainEvent, type NewEvent } from '@kd/events';
import { evolveMeeting, foldMeetingFrom } from '../domain/evolve-meeting.js';
import {
  noMeeting,
  type Meeting,
  type MeetingDecision,
  type MeetingEvent,
  type MeetingState,
} from '../domain/meeting-state.js';
import type { ContextFor } from './meeting-context.js';

const isMeetingEvent = (event: DomainEvent): event is MeetingEvent =>
  event.type.startsWith('meeting.');

function* meetingEventsIn(events: readonly FoldedEvent[]): Generator<MeetingEvent> {
  for (const { event } of events) if (isMeetingEvent(event)) yield event;
}

/**
 * The meeting aggregate on its subject, folded by the pure `evolveMeeting` one event at a time,
 * or by `foldMeetingFrom` for a whole load (each collection copied at most once, O(1) per event).
 */
export const meetingAggregate: AggregateModel<MeetingState> = {
  aggregate: 'meeting',
  initial: noMeeting,
  evolve: (state, event) => (isMeetingEvent(event) ? evolveMeeting(state, event) : state),
  fold: (state, events, owned) => foldMeetingFrom(state, meetingEventsIn(events), owned),
  snapshot: {
    name: 'meeting',
    version: 3,
    toJson: (state) => (state.status === 'none' ? state : meetingToJson(state)),
    fromJson: (json) => meetingFromJson(json),
  },
};

/**
 * A meeting as a snapshot: Sets as arrays; `linkRoles` grouped by role (`links`: role → user
 * ids) and `participants` kept only for those without a link (`otherParticipants`), since every
 * link recipient is a participant. A meeting with 10,000 link recipients is then ~210 KB of JSON
 * rather than ~570 KB (each id once, not three times).
 */
function meetingToJson(m: Meeting): unknown {
  const { participants, linkRoles, present, causations, rsvps, ...rest } = m;
  const links: Record<string, string[]> = {};
  for (const [userId, role] of linkRoles) (links[role] ??= []).push(userId);
  return {
    ...rest,
    links,
    otherParticipants: [...participants].filter((p) => !linkRoles.has(p)),
    present: [...present],
    causations: [...causations],
    rsvps: [...rsvps],
  };
}

/** The inverse of `meetingToJson`. */
function meetingFromJson(json: unknown): MeetingState {
  const s = json as Record<string, unknown>;
  if (s.status === 'none') return noMeeting;
  const lists = ['otherParticipants', 'present', 'causations', 'recordingEntryIds', 'rsvps'];
  const links = s.links as Record<string, unknown> | null | undefined;
  if (
    !['created', 'live', 'ended'].includes(s.status as string) ||
    !lists.every((k) => Array.isArray(s[k])) ||
    typeof links !== 'object' ||
    links === null ||
    !Object.values(links).every(Array.isArray)
  )
    throw new Error('not a meeting snapshot');
  const linkRoles = new Map<string, string>();
  for (const [role, userIds] of Object.entries(links as Record<string, string[]>))
    for (const userId of userIds) linkRoles.set(userId, role);
  const participants = new Set(linkRoles.keys());
  for (const p of s.otherParticipants as string[]) participants.add(p);
  const rest = { ...s };
  delete rest.links;
  delete rest.otherParticipants;
  return {
    ...(rest as unknown as Meeting),
    participants,
    linkRoles,
    present: new Set(s.present as string[]),
    causations: new Set(s.causations as string[]),
    rsvps: new Set(s.rsvps as string[]),
    // Its own copy: the loader's `fold` appends to it in place (`owned`).
    recordingEntryIds: [...(s.recordingEntryIds as string[])],
  };
}

/** The decider's decisions with their envelopes, in order. */
export function meetingEvents(
  decisions: readonly MeetingDecision[],
  context: ContextFor,
): NewEvent[] {
  return decisions.map((d) => newEvent(d.type, d.payload, context(d.type)) as NewEvent);
}
