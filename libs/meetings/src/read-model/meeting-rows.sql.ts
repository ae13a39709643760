/*
 * Upserts of the meetings read model. Every statement is idempotent and order-tolerant: a value
 * set "first" or "latest" is chosen by occurredAt (ties: the later stream position wins, since
 * apply sees the stream in order), so replays and rebuilds give the same rows, and an event for a
 * meeting not seen yet creates the row with what it knows. Each statement is a function of the
 * tables it writes (the live ones, or a rebuild's shadow copies: `MeetingTables`).
 */

/** Qualified names of the tables, live or shadow. */
export interface MeetingTables {
  meetings: string;
  participants: string;
  personLinks: string;
  rsvps: string;
}

/**
 * Creates the rows of meetings that events touch before (or without) their `meeting.created`:
 * $1 meeting ids, $2 guild ids, $3 sequences, one element per meeting. A row keeps the guild it
 * has; the sequence only rises.
 */
export const touchMeetings = (t: MeetingTables): string => `
  INSERT INTO ${t.meetings} AS m (meeting_id, guild_id, last_seq)
  SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[])
  ON CONFLICT (meeting_id) DO UPDATE
  SET guild_id = COALESCE(m.guild_id, EXCLUDED.guild_id), last_seq = GREATEST(m.last_seq, EXCLUDED.last_seq)`;

/** The first meeting.created in stream order sets the descriptive fields (and the guild). */
export const meetingCreated = (t: MeetingTables): string => `
  INSERT INTO ${t.meetings} AS m (meeting_id, guild_id, type, title, description, owner_user_id,
                                kaltura_resource_id, created_at, last_seq)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
  ON CONFLICT (meeting_id) DO UPDATE SET
    guild_id = CASE WHEN m.created_at IS NULL THEN COALESCE(EXCLUDED.guild_id, m.guild_id) ELSE m.guild_id END,
    type = COALESCE(m.type, EXCLUDED.type),
    title = COALESCE(m.title, EXCLUDED.title),
    description = CASE WHEN m.created_at IS NULL THEN EXCLUDED.description ELSE m.description END,
    owner_user_id = COALESCE(m.owner_user_id, EXCLUDED.owner_user_id),
    kaltura_resource_id = COALESCE(m.kaltura_resource_id, EXCLUDED.kaltura_resource_id),
    created_at = COALESCE(m.created_at, EXCLUDED.created_at),
    last_seq = GREATEST(m.last_seq, EXCLUDED.last_seq)`;

/** $1 meeting_id, $2 occurred_at. The earliest start counts. */
export const meetingStarted = (t: MeetingTables): string => `
  UPDATE ${t.meetings} SET started_at = LEAST(started_at, $2::timestamptz) WHERE meeting_id = $1`;

/** $1 meeting_id, $2 occurred_at, $3 ended_by. The earliest end counts, with its author. */
export const meetingEnded = (t: MeetingTables): string => `
  UPDATE ${t.meetings}
  SET ended_by = CASE WHEN ended_at IS NULL OR $2::timestamptz < ended_at THEN $3 ELSE ended_by END,
      ended_at = LEAST(ended_at, $2::timestamptz)
  WHERE meeting_id = $1`;

/** $1 meeting_id, $2 occurred_at, $3 entry_id. The latest recording is the one shown. */
export const recordingReady = (t: MeetingTables): string => `
  UPDATE ${t.meetings}
  SET recording_entry_id = CASE WHEN recording_ready_at IS NULL OR $2::timestamptz >= recording_ready_at
                                THEN $3 ELSE recording_entry_id END,
      recording_ready_at = GREATEST(recording_ready_at, $2::timestamptz)
  WHERE meeting_id = $1`;

/** Two sightings of one person in one meeting merge: earliest first sighting, latest presence. */
const mergeSighting = `  ON CONFLICT (meeting_id, participant_id) DO UPDATE SET
    source = CASE WHEN p.first_seen_at IS NULL OR EXCLUDED.first_seen_at < p.first_seen_at
                  THEN COALESCE(EXCLUDED.source, p.source) ELSE p.source END,
    first_seen_at = LEAST(p.first_seen_at, EXCLUDED.first_seen_at),
    presence = CASE WHEN EXCLUDED.presence IS NOT NULL
                         AND (p.presence_at IS NULL OR EXCLUDED.presence_at >= p.presence_at)
                    THEN EXCLUDED.presence ELSE p.presence END,
    presence_at = GREATEST(p.presence_at, EXCLUDED.presence_at),
    last_seq = GREATEST(p.last_seq, EXCLUDED.last_seq)`;

/**
 * $1 meeting_id, $2 participant_id, $3 first_seen_at (NULL for a leave), $4 source (NULL for a
 * leave), $5 presence (NULL for a join link), $6 occurred_at, $7 seq. The earliest sighting sets
 * first_seen_at and source; the latest Kaltura participant event sets presence. A Kaltura user
 * linked to a Discord member (person.linked) is counted as that member.
 */
export const participantSeen = (t: MeetingTables): string => `
  INSERT INTO ${t.participants} AS p (meeting_id, participant_id, first_seen_at, source,
                                            presence, presence_at, last_seq)
  VALUES ($1, COALESCE((SELECT l.discord_user_id FROM ${t.personLinks} l
                        WHERE l.kaltura_user_id = $2), $2),
          $3, $4, $5, CASE WHEN $5::text IS NULL THEN NULL ELSE $6::timestamptz END, $7)
  ${mergeSighting}`;

/** $1 kaltura_user_id, $2 discord_user_id, $3 seq: the first link of a Kaltura user wins. */
export const personLinked = (t: MeetingTables): string => `
  INSERT INTO ${t.personLinks} (kaltura_user_id, discord_user_id, last_seq) VALUES ($1, $2, $3)
  ON CONFLICT (kaltura_user_id) DO NOTHING
  RETURNING discord_user_id`;

/** $1 kaltura_user_id, $2 discord_user_id: what was counted under the Kaltura id moves to the member. */
export const foldLinkedParticipant = (t: MeetingTables): string => `
  WITH moved AS (
    DELETE FROM ${t.participants} WHERE participant_id = $1
    RETURNING meeting_id, first_seen_at, source, presence, presence_at, last_seq)
  INSERT INTO ${t.participants} AS p (meeting_id, participant_id, first_seen_at, source,
                                            presence, presence_at, last_seq)
  SELECT meeting_id, $2, first_seen_at, source, presence, presence_at, last_seq FROM moved
  ${mergeSighting}`;

/** $1 meeting_id, $2 occurred_at, $3 scheduled_start, $4 duration_minutes. The first schedule counts. */
export const meetingScheduled = (t: MeetingTables): string => `
  UPDATE ${t.meetings}
  SET scheduled_start = COALESCE(scheduled_start, $3::timestamptz),
      duration_minutes = COALESCE(duration_minutes, $4::integer)
  WHERE meeting_id = $1 AND $2::timestamptz IS NOT NULL`;

/** $1 meeting_id, $2 occurred_at, $3 canceled_by. The earliest cancelation counts. */
export const meetingCanceled = (t: MeetingTables): string => `
  UPDATE ${t.meetings}
  SET canceled_by = CASE WHEN canceled_at IS NULL OR $2::timestamptz < canceled_at THEN $3 ELSE canceled_by END,
      canceled_at = LEAST(canceled_at, $2::timestamptz)
  WHERE meeting_id = $1`;

/** $1 meeting_id, $2 occurred_at, $3 discord_event_id (NULL: the event was deleted). */
export const discordEventChanged = (t: MeetingTables): string => `
  UPDATE ${t.meetings} SET discord_event_id = $3 WHERE meeting_id = $1 AND $2::timestamptz IS NOT NULL`;

/** $1 meeting_id, $2 occurred_at, $3 user_id, $4 interested, $5 seq. The latest change wins. */
export const rsvpChanged = (t: MeetingTables): string => `
  INSERT INTO ${t.rsvps} AS r (meeting_id, user_id, interested, changed_at, last_seq)
  VALUES ($1, $3, $4, $2, $5)
  ON CONFLICT (meeting_id, user_id) DO UPDATE SET
    interested = CASE WHEN EXCLUDED.changed_at >= r.changed_at THEN EXCLUDED.interested ELSE r.interested END,
    changed_at = GREATEST(r.changed_at, EXCLUDED.changed_at),
    last_seq = GREATEST(r.last_seq, EXCLUDED.last_seq)`;
