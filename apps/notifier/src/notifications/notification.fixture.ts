import { newEvent, prepareForAppend, type DomainEvent, type PayloadOf } from '@kd/events';
import { loadDefaultConfig, type GuildConfig } from '@kd/guild-config';
import { foldMeeting, type Meeting, type MeetingEvent } from '@kd/meetings';
import type { NotifyingEvent, NotifyingEventType } from './notification-kind.js';

/** Test data for the pure notification specs: events as the store hands them back. */
export const guildId = '123456789012345678';
export const ownerId = '223456789012345678';
export const channelId = '323456789012345678';
export const meetingId = 'm0abcdefghi';
export const defaults: GuildConfig = loadDefaultConfig();

export function recorded<T extends MeetingEvent['type']>(
  type: T,
  payload: PayloadOf<T>,
  occurredAt = '2025-11-20T10:00:00.000Z',
): DomainEvent<T> {
  const context = {
    actor: { kind: 'kaltura' as const, id: '1234' },
    correlationId: 'interaction-923456789012345678',
    guildId,
    occurredAt: new Date(occurredAt),
  };
  return prepareForAppend(newEvent(type, payload, context), new Date(occurredAt));
}

export function meeting(title = 'Weekly sync', extra: MeetingEvent[] = []): Meeting {
  const created = recorded('meeting.created', {
    meetingId,
    kalturaResourceId: '10001',
    type: 'meeting',
    title,
    ownerUserId: ownerId,
    description: null,
  });
  const state = foldMeeting([created, ...extra]);
  if (state.status === 'none') throw new Error('fixture: no meeting');
  return state;
}

export function notifying(type: NotifyingEventType, occurredAt?: string): NotifyingEvent {
  switch (type) {
    case 'meeting.started':
      return recorded(type, { meetingId }, occurredAt);
    case 'meeting.ended':
      return recorded(type, { meetingId, endedBy: ownerId }, occurredAt);
    case 'meeting.recording_ready':
      return recorded(type, { meetingId, entryId: '1_abc_def' }, occurredAt);
    case 'meeting.participant_joined':
    case 'meeting.participant_left':
      return recorded(type, { meetingId, participantId: 'guest@example.org' }, occurredAt);
    case 'meeting.scheduled':
      return recorded(
        type,
        {
          meetingId,
          startsAt: '2030-01-04T18:00:00.000Z',
          durationMinutes: 60,
          timezone: 'UTC',
          scheduledBy: ownerId,
          channelId: ownerId,
        },
        occurredAt,
      );
    case 'meeting.canceled':
      return recorded(type, { meetingId, canceledBy: ownerId }, occurredAt);
    case 'meeting.rsvp_added':
    case 'meeting.rsvp_removed':
      return recorded(type, { meetingId, userId: ownerId, discordEventId: ownerId }, occurredAt);
  }
}
