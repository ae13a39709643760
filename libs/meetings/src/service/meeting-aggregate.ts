import type { AggregateModel } from '@kd/event-store';
import { newEvent, type DomainEvent, type NewEvent } from '@kd/events';
import { evolveMeeting } from '../domain/evolve-meeting.js';
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

/** The meeting aggregate on its subject, folded by the pure `evolveMeeting`. */
export const meetingAggregate: AggregateModel<MeetingState> = {
  aggregate: 'meeting',
  initial: noMeeting,
  evolve: (state, event) => (isMeetingEvent(event) ? evolveMeeting(state, event) : state),
  snapshot: {
    name: 'meeting',
    version: 2,
    toJson: (state) =>
      state.status === 'none'
        ? state
        : {
            ...state,
            participants: [...state.participants],
            linkRoles: [...state.linkRoles],
            present: [...state.present],
            causations: [...state.causations],
            rsvps: [...state.rsvps],
          },
    fromJson: (json) => meetingFromJson(json),
  },
};

/** The inverse of the snapshot's `toJson`: Sets and Maps were kept as arrays. */
function meetingFromJson(json: unknown): MeetingState {
  const s = json as Record<string, unknown>;
  if (s.status === 'none') return noMeeting;
  const lists = [
    'participants',
    'linkRoles',
    'present',
    'causations',
    'recordingEntryIds',
    'rsvps',
  ];
  if (
    !['created', 'live', 'ended'].includes(s.status as string) ||
    !lists.every((k) => Array.isArray(s[k]))
  )
    throw new Error('not a meeting snapshot');
  return {
    ...(s as unknown as Meeting),
    participants: new Set(s.participants as string[]),
    linkRoles: new Map(s.linkRoles as [string, string][]),
    present: new Set(s.present as string[]),
    causations: new Set(s.causations as string[]),
    rsvps: new Set(s.rsvps as string[]),
  };
}

/** The decider's decisions with their envelopes, in order. */
export function meetingEvents(
  decisions: readonly MeetingDecision[],
  context: ContextFor,
): NewEvent[] {
  return decisions.map((d) => newEvent(d.type, d.payload, context(d.type)) as NewEvent);
}
