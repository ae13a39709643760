import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '@kd/event-store';
import { discordIdOfKalturaUser } from '@kd/events';
import {
  dispatch,
  handledTypes,
  tableIn,
  type EventHandlers,
  type Projection,
  type TableTarget,
} from '@kd/projections';
import type { MeetingEvent, MeetingEventType } from '../domain/meeting-state.js';
import * as sql from './meeting-rows.sql.js';
import type { MeetingTables } from './meeting-rows.sql.js';

/** The transaction and the tables it writes (live, or a rebuild's shadow copies). */
interface Sink {
  tx: EntityManager;
  t: MeetingTables;
}

type Handlers = EventHandlers<MeetingEventType | 'person.linked', [seq: number, sink: Sink]>;

/** `discord:<id>` (the id our join KS carries) is that Discord member; links do the rest in SQL. */
const personOf = (participantId: string) => discordIdOfKalturaUser(participantId) ?? participantId;

/**
 * Ensures the rows of every meeting the batch's events touch, in one statement instead of one
 * per event. Same result as touching them one by one in stream order: per meeting, the first
 * non-null guild of its touching events (the row keeps a guild it has, and `meeting.created`
 * overrides a placeholder's guild either way) and the highest sequence (only ever raised).
 */
async function touchAll(events: readonly RecordedEvent[], { tx, t }: Sink): Promise<void> {
  const rows = new Map<string, { guildId: string | null; lastSeq: number }>();
  for (const { seq, event } of events) {
    if (!touching.has(event.type)) continue;
    const { meetingId } = (event as MeetingEvent).payload;
    const row = rows.get(meetingId);
    if (!row) rows.set(meetingId, { guildId: event.guildId, lastSeq: seq });
    else {
      row.guildId ??= event.guildId;
      row.lastSeq = Math.max(row.lastSeq, seq);
    }
  }
  if (rows.size === 0) return;
  await tx.query(sql.touchMeetings(t), [
    [...rows.keys()],
    [...rows.values()].map((r) => r.guildId),
    [...rows.values()].map((r) => r.lastSeq),
  ]);
}

/** Runs one of the meeting updates, `$1` meeting_id and `$2` occurred_at first. */
async function update(
  event: MeetingEvent,
  seq: number,
  sink: Sink,
  statement: (t: MeetingTables) => string,
  ...rest: unknown[]
): Promise<void> {
  await sink.tx.query(statement(sink.t), [event.payload.meetingId, event.occurredAt, ...rest]);
}

/** A participant sighting: `source` null for a leave, `presence` null for a join link. */
async function seen(
  event: MeetingEvent,
  seq: number,
  sink: Sink,
  participantId: string,
  source: string | null,
  presence: string | null,
): Promise<void> {
  const at = event.occurredAt;
  const { meetingId } = event.payload;
  await sink.tx.query(sql.participantSeen(sink.t), [
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
  'meeting.created': async (event, seq, { tx, t }) => {
    const p = event.payload;
    await tx.query(sql.meetingCreated(t), [
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
  'meeting.join_link_issued': (event, seq, sink) =>
    seen(event, seq, sink, event.payload.userId, 'join_link', null),
  'meeting.participant_joined': (event, seq, sink) =>
    seen(event, seq, sink, personOf(event.payload.participantId), 'kaltura', 'joined'),
  'meeting.participant_left': (event, seq, sink) =>
    seen(event, seq, sink, personOf(event.payload.participantId), null, 'left'),
  'meeting.started': (event, seq, sink) => update(event, seq, sink, sql.meetingStarted),
  'meeting.ended': (event, seq, sink) =>
    update(event, seq, sink, sql.meetingEnded, event.payload.endedBy),
  'meeting.recording_ready': (event, seq, sink) =>
    update(event, seq, sink, sql.recordingReady, event.payload.entryId),
  'meeting.scheduled': (event, seq, sink) =>
    update(
      event,
      seq,
      sink,
      sql.meetingScheduled,
      event.payload.startsAt,
      event.payload.durationMinutes,
    ),
  'meeting.canceled': (event, seq, sink) =>
    update(event, seq, sink, sql.meetingCanceled, event.payload.canceledBy),
  'meeting.discord_event_linked': (event, seq, sink) =>
    update(event, seq, sink, sql.discordEventChanged, event.payload.discordEventId),
  // Its meeting's row is all it needs (touchAll).
  'meeting.discord_event_failed': () => Promise.resolve(),
  'meeting.discord_event_deleted': (event, seq, sink) =>
    update(event, seq, sink, sql.discordEventChanged, null),
  'meeting.rsvp_added': (event, seq, sink) => rsvp(event, seq, sink, true),
  'meeting.rsvp_removed': (event, seq, sink) => rsvp(event, seq, sink, false),
  'person.linked': async (event, seq, { tx, t }) => {
    const { kalturaUserId, discordUserId } = event.payload;
    if (discordIdOfKalturaUser(kalturaUserId) !== undefined) return;
    const added = await tx.query<unknown[]>(sql.personLinked(t), [
      kalturaUserId,
      discordUserId,
      seq,
    ]);
    if (added.length > 0)
      await tx.query(sql.foldLinkedParticipant(t), [kalturaUserId, discordUserId]);
  },
};

/**
 * The events that need their meeting's row to exist first (participant rows reference it; an
 * update needs a row), even when they come before its `meeting.created`: every meeting event
 * but the creation itself.
 */
const touching = new Set<string>(
  handledTypes(handlers).filter((type) => type !== 'meeting.created' && type !== 'person.linked'),
);

async function rsvp(
  event: MeetingEvent & { payload: { userId: string } },
  seq: number,
  sink: Sink,
  interested: boolean,
): Promise<void> {
  const { meetingId, userId } = event.payload;
  await sink.tx.query(sql.rsvpChanged(sink.t), [
    meetingId,
    event.occurredAt,
    userId,
    interested,
    seq,
  ]);
}

/** `kd.meetings` + `kd.meeting_participants` (+ the person links they fold by), behind `analytics.meetings` and `analytics.meetings_live`. */
export const meetingsProjection: Projection = {
  name: 'meetings',
  // 2: participants folded onto people (person.linked); 3: schedules, cancelations and RSVPs.
  version: 3,
  tables: ['meetings', 'meeting_participants', 'meeting_person_links', 'meeting_rsvps'],
  shadowRebuild: true,
  handles: handledTypes(handlers),
  async apply(
    events: readonly RecordedEvent[],
    tx: EntityManager,
    target: TableTarget,
  ): Promise<void> {
    const sink = {
      tx,
      t: {
        meetings: tableIn(target, 'meetings'),
        participants: tableIn(target, 'meeting_participants'),
        personLinks: tableIn(target, 'meeting_person_links'),
        rsvps: tableIn(target, 'meeting_rsvps'),
      },
    };
    // The meeting rows first, in one round trip; then one round trip per event.
    await touchAll(events, sink);
    for (const { seq, event } of events) await dispatch(handlers, event, seq, sink);
  },
  async reset(tx: EntityManager): Promise<void> {
    await tx.query(
      `TRUNCATE kd.meeting_rsvps, kd.meeting_participants, kd.meetings, kd.meeting_person_links`,
    );
  },
};
