import type { RecordedEvent } from '@kd/event-store';
import { reads } from './analytics-batch.js';
import type { PersonFold } from './person-links.sql.js';

/** Meeting events count whether or not they carry a guild (a meeting knows its guild). */
export const meetingEvents = reads(
  'meeting.created',
  'meeting.join_link_issued',
  'meeting.started',
  'meeting.participant_joined',
  'meeting.participant_left',
  'meeting.ended',
);

export interface MeetingRow {
  meetingId: string;
  guildId: string | null;
  type: string | null;
  ownerUserId: string | null;
  createdAt: string | null;
  createdSeq: number | null;
  startedAt: string | null;
  endedAt: string | null;
}

export interface ParticipantRow {
  meetingId: string;
  participantId: string;
  firstSeenAt: string;
}

const emptyMeeting = {
  guildId: null,
  type: null,
  ownerUserId: null,
  createdAt: null,
  createdSeq: null,
  startedAt: null,
  endedAt: null,
} as const;

const earlier = (a: string | null, b: string | null): string | null =>
  a === null ? b : b === null ? a : Date.parse(b) < Date.parse(a) ? b : a;

/** One row per meeting of the batch: its first creation, earliest start and earliest end. */
export function meetingRows(events: readonly RecordedEvent[]): MeetingRow[] {
  const rows = new Map<string, MeetingRow>();
  const rowOf = (meetingId: string): MeetingRow => {
    let row = rows.get(meetingId);
    if (!row) {
      row = { meetingId, ...emptyMeeting };
      rows.set(meetingId, row);
    }
    return row;
  };
  for (const { seq, event } of meetingEvents.of(events, 'meeting.created')) {
    const row = rowOf(event.payload.meetingId);
    // Stream order within the batch: only a strictly earlier occurredAt displaces a creation.
    if (row.createdAt !== null && Date.parse(event.occurredAt) >= Date.parse(row.createdAt))
      continue;
    Object.assign(row, {
      guildId: event.guildId,
      type: event.payload.type,
      ownerUserId: event.payload.ownerUserId,
      createdAt: event.occurredAt,
      createdSeq: seq,
    });
  }
  for (const { event } of meetingEvents.of(events, 'meeting.started', 'meeting.ended')) {
    const row = rowOf(event.payload.meetingId);
    if (event.type === 'meeting.started') row.startedAt = earlier(row.startedAt, event.occurredAt);
    else row.endedAt = earlier(row.endedAt, event.occurredAt);
  }
  return [...rows.values()];
}

/** Every participant id the batch's meeting events name (to look up their links once). */
export function participantIdsOf(events: readonly RecordedEvent[]): string[] {
  return meetingEvents
    .of(
      events,
      'meeting.join_link_issued',
      'meeting.participant_joined',
      'meeting.participant_left',
    )
    .map(({ event }) =>
      event.type === 'meeting.join_link_issued'
        ? event.payload.userId
        : event.payload.participantId,
    );
}

/**
 * Distinct (meeting, person) of join links and Kaltura joins, with the earliest sighting; a
 * Kaltura participant id is folded onto the Discord member it is (`fold`).
 */
export function participantRows(
  events: readonly RecordedEvent[],
  fold: PersonFold,
): ParticipantRow[] {
  const rows = new Map<string, ParticipantRow>();
  for (const { event } of meetingEvents.of(
    events,
    'meeting.join_link_issued',
    'meeting.participant_joined',
  )) {
    const { meetingId } = event.payload;
    const participantId = fold(
      event.type === 'meeting.join_link_issued'
        ? event.payload.userId
        : event.payload.participantId,
    );
    const key = JSON.stringify([meetingId, participantId]);
    const known = rows.get(key);
    const firstSeenAt = earlier(known?.firstSeenAt ?? null, event.occurredAt) ?? event.occurredAt;
    rows.set(key, { meetingId, participantId, firstSeenAt });
  }
  return [...rows.values()];
}
