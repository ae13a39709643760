import type { MigrationInterface, QueryRunner } from 'typeorm';

/** `kd.meetings`, `kd.meeting_participants` and the analyst views `analytics.meetings(_live)`. */
export class Meetings1763884800200 implements MigrationInterface {
  name = 'Meetings1763884800200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE kd.meetings (
        meeting_id text NOT NULL,
        guild_id text,
        type text,
        title text,
        description text,
        owner_user_id text,
        kaltura_resource_id text,
        created_at timestamptz,
        started_at timestamptz,
        ended_at timestamptz,
        ended_by text,
        recording_entry_id text,
        recording_ready_at timestamptz,
        last_seq bigint NOT NULL,
        CONSTRAINT meetings_pk PRIMARY KEY (meeting_id),
        CONSTRAINT meetings_type_ck CHECK (type IN ('meeting', 'webinar', 'classroom'))
      )`);
    await q.query(
      `CREATE INDEX meetings_guild_created_at_ix ON kd.meetings (guild_id, created_at DESC)`,
    );
    await q.query(
      `CREATE INDEX meetings_open_ix ON kd.meetings (guild_id, created_at DESC) WHERE ended_at IS NULL`,
    );
    await q.query(`CREATE INDEX meetings_ended_at_ix ON kd.meetings (ended_at)`);
    await q.query(`
      CREATE TABLE kd.meeting_participants (
        meeting_id text NOT NULL,
        participant_id text NOT NULL,
        first_seen_at timestamptz,
        source text,
        presence text,
        presence_at timestamptz,
        last_seq bigint NOT NULL,
        CONSTRAINT meeting_participants_pk PRIMARY KEY (meeting_id, participant_id),
        CONSTRAINT meeting_participants_meeting_fk FOREIGN KEY (meeting_id)
          REFERENCES kd.meetings (meeting_id) ON DELETE CASCADE,
        CONSTRAINT meeting_participants_source_ck CHECK (source IN ('join_link', 'kaltura')),
        CONSTRAINT meeting_participants_seen_ck CHECK ((first_seen_at IS NULL) = (source IS NULL)),
        CONSTRAINT meeting_participants_presence_ck CHECK (presence IN ('joined', 'left'))
      )`);
    await q.query(meetingsView);
    await q.query(meetingsLiveView);
    await comment(q, 'analytics.meetings', meetingsComments);
    await comment(q, 'analytics.meetings_live', liveComments);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW analytics.meetings_live`);
    await q.query(`DROP VIEW analytics.meetings`);
    await q.query(`DROP TABLE kd.meeting_participants`);
    await q.query(`DROP TABLE kd.meetings`);
  }
}

// Participants as DESIGN §4 defines them: distinct users of join_link_issued + participant_joined
// (a participant only ever seen leaving has no first_seen_at and does not count).
const meetingsView = `
  CREATE VIEW analytics.meetings AS
  SELECT m.meeting_id, m.guild_id, m.type, m.created_at, m.started_at, m.ended_at,
         CASE WHEN m.ended_at IS NOT NULL AND COALESCE(m.started_at, m.created_at) IS NOT NULL
              THEN GREATEST(0, EXTRACT(EPOCH FROM m.ended_at - COALESCE(m.started_at, m.created_at)))::double precision
         END AS duration_seconds,
         p.participants,
         m.title, m.owner_user_id,
         CASE WHEN m.ended_at IS NOT NULL THEN 'ended'
              WHEN m.started_at IS NOT NULL THEN 'live'
              WHEN m.created_at IS NOT NULL THEN 'created'
              ELSE 'unknown' END AS status,
         m.ended_by, m.recording_entry_id
  FROM kd.meetings m
  CROSS JOIN LATERAL (
    SELECT count(*) FILTER (WHERE mp.first_seen_at IS NOT NULL)::integer AS participants,
           count(*) FILTER (WHERE mp.presence = 'joined')::integer AS live_participants
    FROM kd.meeting_participants mp WHERE mp.meeting_id = m.meeting_id
  ) p`;

const meetingsLiveView = `
  CREATE VIEW analytics.meetings_live AS
  SELECT m.meeting_id, m.guild_id, m.type, m.title, m.owner_user_id,
         CASE WHEN m.started_at IS NOT NULL THEN 'live' ELSE 'created' END AS status,
         m.created_at, m.started_at, p.participants, p.live_participants
  FROM kd.meetings m
  CROSS JOIN LATERAL (
    SELECT count(*) FILTER (WHERE mp.first_seen_at IS NOT NULL)::integer AS participants,
           count(*) FILTER (WHERE mp.presence = 'joined')::integer AS live_participants
    FROM kd.meeting_participants mp WHERE mp.meeting_id = m.meeting_id
  ) p
  WHERE m.ended_at IS NULL AND (m.created_at IS NOT NULL OR m.started_at IS NOT NULL)`;

const shared: Record<string, string> = {
  meeting_id: 'our meeting id ("m" + 10 base-36 characters), shown to users',
  guild_id: 'Discord guild (server) the meeting belongs to',
  type: 'meeting, webinar or classroom; NULL until meeting.created is applied',
  title: 'title given at creation; NULL until meeting.created is applied',
  owner_user_id: 'Discord user id of the member who created the meeting',
  created_at: 'when meeting.created occurred (UTC)',
  started_at: 'first time Kaltura reported the room live (meeting.started), UTC; NULL if never',
  participants:
    'distinct users who got a join link (meeting.join_link_issued) or were reported joining (meeting.participant_joined)',
};

const meetingsComments = {
  view: 'One row per meeting: lifecycle times, duration and participants (DESIGN §4). Times are the events occurredAt.',
  columns: {
    ...shared,
    ended_at: 'first meeting.ended (by a member or by Kaltura), UTC; NULL while not ended',
    duration_seconds:
      'ended_at − coalesce(started_at, created_at) in seconds (never negative); NULL while not ended',
    status: 'ended, live (started), created, or unknown (only webhook/link events seen so far)',
    ended_by: 'Discord user id of who ended it, or "kaltura" when Kaltura reported the end',
    recording_entry_id:
      'Kaltura entry id of the latest recording (meeting.recording_ready); NULL if none',
  },
};

const liveComments = {
  view: 'Meetings created or started and not ended yet, with who is in the room now (for the live gauges).',
  columns: {
    ...shared,
    status: 'live when Kaltura reported the room started, else created',
    live_participants:
      'participants whose latest Kaltura participant event (by occurredAt) is a join: in the room now',
  },
};

async function comment(
  q: QueryRunner,
  view: string,
  texts: { view: string; columns: Record<string, string> },
): Promise<void> {
  const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;
  await q.query(`COMMENT ON VIEW ${view} IS ${quote(texts.view)}`);
  for (const [column, text] of Object.entries(texts.columns))
    await q.query(`COMMENT ON COLUMN ${view}.${column} IS ${quote(text)}`);
}
