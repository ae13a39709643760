import { evolveMeeting } from './evolve-meeting.js';
import {
  noMeeting,
  type MeetingDecision,
  type MeetingEvent,
  type MeetingState,
} from './meeting-state.js';

/** Test data for the pure domain specs: events as the store would hand them back. */
export const guildId = '123456789012345678';
export const ownerId = '223456789012345678';
export const memberId = '323456789012345678';
export const meetingId = 'm0abcdefghi';

export const createdDecision: Extract<MeetingDecision, { type: 'meeting.created' }> = {
  type: 'meeting.created',
  payload: {
    meetingId,
    kalturaResourceId: '10001',
    type: 'meeting',
    title: 'Standup',
    ownerUserId: ownerId,
    description: null,
  },
};

let clock = Date.parse('2025-11-20T10:00:00.000Z');

export function recorded(
  decision: MeetingDecision,
  options: { causationId?: string; occurredAt?: string } = {},
): MeetingEvent {
  clock += 60_000;
  const occurredAt = options.occurredAt ?? new Date(clock).toISOString();
  return {
    id: `e${clock}`,
    ...decision,
    version: decision.type === 'meeting.created' ? 2 : 1,
    occurredAt,
    recordedAt: occurredAt,
    guildId,
    actor: { kind: 'user', id: ownerId },
    correlationId: 'corr-1',
    ...(options.causationId ? { causationId: options.causationId } : {}),
  };
}

/** The state after these decisions (a created meeting first unless told otherwise). */
export function given(...decisions: Array<MeetingDecision | MeetingEvent>): MeetingState {
  return decisions.map((d) => ('id' in d ? d : recorded(d))).reduce(evolveMeeting, noMeeting);
}

export const ref = { meetingId };
