import type { DomainEvent } from '@kd/events';
import type { History, MeetingState } from './history.types.js';

export function foldMeetingCreated(
  history: History,
  event: DomainEvent<'meeting.created'>,
  at: number,
): void {
  const { meetingId, type, ownerUserId } = event.payload;
  if (history.meetings.has(meetingId)) return;
  history.meetings.set(meetingId, {
    meetingId,
    guildId: event.guildId,
    type,
    ownerUserId,
    createdAt: at,
    startedAt: null,
    endedAt: null,
    participants: new Set(),
    present: new Map(),
  });
}

type LifecycleEvent = DomainEvent<
  | 'meeting.started'
  | 'meeting.ended'
  | 'meeting.join_link_issued'
  | 'meeting.participant_joined'
  | 'meeting.participant_left'
>;

/** A lifecycle event of a created meeting, in occurredAt order (even if it precedes the creation). */
export function foldMeetingLifecycle(
  meeting: MeetingState,
  event: LifecycleEvent,
  at: number,
  personOf: (participantId: string) => string,
): void {
  switch (event.type) {
    case 'meeting.started':
      meeting.startedAt ??= at;
      return;
    case 'meeting.ended':
      meeting.endedAt ??= at;
      return;
    case 'meeting.join_link_issued':
      meeting.participants.add(personOf(event.payload.userId));
      return;
    case 'meeting.participant_joined':
      meeting.participants.add(personOf(event.payload.participantId));
      meeting.present.set(personOf(event.payload.participantId), true);
      return;
    case 'meeting.participant_left':
      meeting.present.set(personOf(event.payload.participantId), false);
      return;
  }
}
