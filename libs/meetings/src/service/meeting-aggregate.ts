import type { AggregateModel } from '@kd/event-store';
import { newEvent, type DomainEvent, type NewEvent } from '@kd/events';
import { evolveMeeting } from '../domain/evolve-meeting.js';
import {
  noMeeting,
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
};

/** The decider's decisions with their envelopes, in order. */
export function meetingEvents(
  decisions: readonly MeetingDecision[],
  context: ContextFor,
): NewEvent[] {
  return decisions.map((d) => newEvent(d.type, d.payload, context(d.type)) as NewEvent);
}
