import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '@kd/event-store';
import { dispatch, handledTypes, type EventHandlers, type Projection } from '@kd/projections';
import type { MeetingEvent, MeetingEventType } from '../domain/meeting-state.js';
import * as sql from './meeting-rows.sql.js';

type Handlers = EventHandlers<MeetingEventType, [seq: number, tx: EntityManager]>;

/** Ensures the meeting row exists (participant rows reference it) before a later event's update. */
const touch = (event: MeetingEvent, seq: number, tx: EntityManager) =>
  tx.query(sql.touchMeeting, [event.payload.meetingId, event.guildId, seq]);

/** Runs one of the meeting updates, `$1` meeting_id and `$2` occurred_at first. */
async function update(
  event: MeetingEvent,
  seq: number,
  tx: EntityManager,
  statement: string,
  ...rest: unknown[]
): Promise<void> {
  await touch(event, seq, tx);
  await tx.query(statement, [event.payload.meetingId, event.occurredAt, ...rest]);
}

/** A participant sighting: `source` null for a leave, `presence` null for a join link. */
async function seen(
  event: MeetingEvent,
  seq: number,
  tx: EntityManager,
  participantId: string,
  source: string | null,
  presence: string | null,
): Promise<void> {
  await touch(event, seq, tx);
  const at = event.occurredAt;
  const { meetingId } = event.payload;
  await tx.query(sql.participantSeen, [
    meetingId,
    participantId,
    source === null ? null : at,
    source,
    presence,
    at,
    seq,
  ]);
}

/** Every meeting event, and what it writes; the map's keys are the projection's `handles`. */
const handlers: Handlers = {
  'meeting.created': async (event, seq, tx) => {
    const p = event.payload;
    await tx.query(sql.meetingCreated, [
      p.meetingId,
      event.guildId,
      p.type,
      p.title,
      p.description,
      p.ownerUserId,
      p.kalturaResourceId,
      event.occurredAt,
      seq,
    ]);
  },
  'meeting.join_link_issued': (event, seq, tx) =>
    seen(event, seq, tx, event.payload.userId, 'join_link', null),
  'meeting.participant_joined': (event, seq, tx) =>
    seen(event, seq, tx, event.payload.participantId, 'kaltura', 'joined'),
  'meeting.participant_left': (event, seq, tx) =>
    seen(event, seq, tx, event.payload.participantId, null, 'left'),
  'meeting.started': (event, seq, tx) => update(event, seq, tx, sql.meetingStarted),
  'meeting.ended': (event, seq, tx) =>
    update(event, seq, tx, sql.meetingEnded, event.payload.endedBy),
  'meeting.recording_ready': (event, seq, tx) =>
    update(event, seq, tx, sql.recordingReady, event.payload.entryId),
};

/** `kd.meetings` + `kd.meeting_participants`, behind `analytics.meetings` and `analytics.meetings_live`. */
export const meetingsProjection: Projection = {
  name: 'meetings',
  version: 1,
  handles: handledTypes(handlers),
  async apply(events: readonly RecordedEvent[], tx: EntityManager): Promise<void> {
    // One round trip or two per event: meetings are a small share of the log.
    for (const { seq, event } of events) await dispatch(handlers, event, seq, tx);
  },
  async reset(tx: EntityManager): Promise<void> {
    await tx.query(`TRUNCATE kd.meeting_participants, kd.meetings`);
  },
};
