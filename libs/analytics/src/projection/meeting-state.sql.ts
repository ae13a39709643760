import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '@kd/event-store';
import { columns, type Tables } from './analytics-batch.js';
import { meetingEvents, meetingRows, participantIdsOf, participantRows } from './meeting-rows.js';
import { personFoldFor, type PersonFold } from './person-links.sql.js';

/**
 * A meeting takes its guild, type and owner from its first meeting.created in (occurred_at, seq)
 * order, and keeps its earliest start and end; what is "≤ now" is decided by the views. A row may
 * exist before its meeting.created arrives (lifecycle events first): the views skip it until then.
 */
const firstCreation = `(EXCLUDED.created_at IS NOT NULL AND (m.created_at IS NULL
  OR (EXCLUDED.created_at, EXCLUDED.created_seq) < (m.created_at, m.created_seq)))`;

const upsertMeetings = (at: Tables) => `
  INSERT INTO ${at('meetings')} AS m (meeting_id, guild_id, type, owner_user_id, created_at,
                                          created_seq, started_at, ended_at)
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::bigint[],
                       $7::timestamptz[], $8::timestamptz[])
  ON CONFLICT (meeting_id) DO UPDATE SET
    guild_id = CASE WHEN ${firstCreation} THEN EXCLUDED.guild_id ELSE m.guild_id END,
    type = CASE WHEN ${firstCreation} THEN EXCLUDED.type ELSE m.type END,
    owner_user_id = CASE WHEN ${firstCreation} THEN EXCLUDED.owner_user_id ELSE m.owner_user_id END,
    created_at = CASE WHEN ${firstCreation} THEN EXCLUDED.created_at ELSE m.created_at END,
    created_seq = CASE WHEN ${firstCreation} THEN EXCLUDED.created_seq ELSE m.created_seq END,
    started_at = LEAST(m.started_at, EXCLUDED.started_at),
    ended_at = LEAST(m.ended_at, EXCLUDED.ended_at)`;

export async function writeMeetingState(
  tx: EntityManager,
  at: Tables,
  events: readonly RecordedEvent[],
): Promise<void> {
  const meetings = meetingRows(events);
  if (meetings.length > 0)
    await tx.query(
      upsertMeetings(at),
      columns(
        meetings,
        (m) => m.meetingId,
        (m) => m.guildId,
        (m) => m.type,
        (m) => m.ownerUserId,
        (m) => m.createdAt,
        (m) => m.createdSeq,
        (m) => m.startedAt,
        (m) => m.endedAt,
      ),
    );
  const ids = participantIdsOf(events);
  if (ids.length > 0) await writeParticipants(tx, at, events, await personFoldFor(tx, at, ids));
}

async function writeParticipants(
  tx: EntityManager,
  at: Tables,
  events: readonly RecordedEvent[],
  fold: PersonFold,
) {
  const participants = participantRows(events, fold);
  if (participants.length > 0)
    await tx.query(
      `INSERT INTO ${at('meeting_participants')} AS p (meeting_id, participant_id, first_seen_at)
       SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[])
       ON CONFLICT (meeting_id, participant_id)
       DO UPDATE SET first_seen_at = LEAST(p.first_seen_at, EXCLUDED.first_seen_at)`,
      columns(
        participants,
        (p) => p.meetingId,
        (p) => p.participantId,
        (p) => p.firstSeenAt,
      ),
    );
  const presence = meetingEvents.of(
    events,
    'meeting.participant_joined',
    'meeting.participant_left',
  );
  if (presence.length > 0)
    await tx.query(
      `INSERT INTO ${at('meeting_presence')} (seq, meeting_id, participant_id, occurred_at, joined)
       SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::timestamptz[], $5::boolean[])`,
      columns(
        presence,
        (r) => r.seq,
        (r) => r.event.payload.meetingId,
        (r) => fold(r.event.payload.participantId),
        (r) => r.event.occurredAt,
        (r) => r.event.type === 'meeting.participant_joined',
      ),
    );
}
