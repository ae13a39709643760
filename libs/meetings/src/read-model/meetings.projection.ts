import type { EntityManager } from 'typeorm';
import type { DomainEvent, EventType } from '@kd/events';
import type { RecordedEvent } from '@kd/event-store';
import type { Projection } from '../projection.js';
import * as sql from './meeting-rows.sql.js';

const meetingEventTypes = [
  'meeting.created',
  'meeting.join_link_issued',
  'meeting.started',
  'meeting.participant_joined',
  'meeting.participant_left',
  'meeting.ended',
  'meeting.recording_ready',
] as const satisfies readonly EventType[];
type MeetingEvent = DomainEvent<(typeof meetingEventTypes)[number]>;

/** `kd.meetings` + `kd.meeting_participants`, behind `analytics.meetings` and `analytics.meetings_live`. */
export const meetingsProjection: Projection = {
  name: 'meetings',
  version: 1,
  handles: meetingEventTypes,
  async apply(events: readonly RecordedEvent[], tx: EntityManager): Promise<void> {
    // One round trip or two per event: meetings are a small share of the log.
    for (const { seq, event } of events) {
      if (isMeetingEvent(event)) await applyEvent(seq, event, tx);
    }
  },
  async reset(tx: EntityManager): Promise<void> {
    await tx.query(`TRUNCATE kd.meeting_participants, kd.meetings`);
  },
};

function isMeetingEvent(event: DomainEvent): event is MeetingEvent {
  return (meetingEventTypes as readonly string[]).includes(event.type);
}

async function applyEvent(seq: number, event: MeetingEvent, tx: EntityManager): Promise<void> {
  const { meetingId } = event.payload;
  const at = event.occurredAt;
  if (event.type === 'meeting.created') {
    const p = event.payload;
    await tx.query(sql.meetingCreated, [
      meetingId,
      event.guildId,
      p.type,
      p.title,
      p.description,
      p.ownerUserId,
      p.kalturaResourceId,
      at,
      seq,
    ]);
    return;
  }
  await tx.query(sql.touchMeeting, [meetingId, event.guildId, seq]);
  const seen = (participantId: string, source: string | null, presence: string | null) =>
    tx.query(sql.participantSeen, [
      meetingId,
      participantId,
      source === null ? null : at,
      source,
      presence,
      at,
      seq,
    ]);
  switch (event.type) {
    case 'meeting.join_link_issued':
      await seen(event.payload.userId, 'join_link', null);
      break;
    case 'meeting.participant_joined':
      await seen(event.payload.participantId, 'kaltura', 'joined');
      break;
    case 'meeting.participant_left':
      await seen(event.payload.participantId, null, 'left');
      break;
    case 'meeting.started':
      await tx.query(sql.meetingStarted, [meetingId, at]);
      break;
    case 'meeting.ended':
      await tx.query(sql.meetingEnded, [meetingId, at, event.payload.endedBy]);
      break;
    case 'meeting.recording_ready':
      await tx.query(sql.recordingReady, [meetingId, at, event.payload.entryId]);
      break;
    default: {
      const unhandled: never = event;
      throw new Error(`meetings projection: unexpected ${String(unhandled)}`);
    }
  }
}
