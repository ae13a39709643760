import type { MigrationInterface, QueryRunner } from 'typeorm';
import { assignSchemasTo } from '@kd/projections';

/**
 * Scheduled meetings: start time, duration, cancelation and RSVPs on `kd.meetings` (+
 * `kd.meeting_rsvps`); `analytics.meetings_live` leaves canceled meetings out and tells the time.
 */
export class MeetingSchedules1796464800210 implements MigrationInterface {
  name = 'MeetingSchedules1796464800210';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE kd.meetings
        ADD COLUMN scheduled_start timestamptz,
        ADD COLUMN duration_minutes integer,
        ADD COLUMN canceled_at timestamptz,
        ADD COLUMN canceled_by text,
        ADD COLUMN discord_event_id text`);
    await q.query(`
      CREATE TABLE kd.meeting_rsvps (
        meeting_id text NOT NULL,
        user_id text NOT NULL,
        interested boolean NOT NULL,
        changed_at timestamptz NOT NULL,
        last_seq bigint NOT NULL,
        CONSTRAINT meeting_rsvps_pk PRIMARY KEY (meeting_id, user_id),
        CONSTRAINT meeting_rsvps_meeting_fk FOREIGN KEY (meeting_id)
          REFERENCES kd.meetings (meeting_id) ON DELETE CASCADE
      )`);
    await q.query(liveView(true));
    await comment(q);
    // Created by the migrating superuser: handed to kd_app like the rest (AppRole1763884800900).
    await assignSchemasTo(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW analytics.meetings_live`);
    await q.query(liveView(false));
    await q.query(`DROP TABLE kd.meeting_rsvps`);
    await q.query(`
      ALTER TABLE kd.meetings
        DROP COLUMN scheduled_start, DROP COLUMN duration_minutes, DROP COLUMN canceled_at,
        DROP COLUMN canceled_by, DROP COLUMN discord_event_id`);
  }
}

/** The view of 1763884800200, with the scheduling columns appended and canceled meetings left out. */
function liveView(scheduling: boolean): string {
  return `
  CREATE OR REPLACE VIEW analytics.meetings_live AS
  SELECT m.meeting_id, m.guild_id, m.type, m.title, m.owner_user_id,
         CASE WHEN m.started_at IS NOT NULL THEN 'live' ELSE 'created' END AS status,
         m.created_at, m.started_at, p.participants, p.live_participants
         ${scheduling ? `, m.scheduled_start, m.duration_minutes, r.rsvps` : ''}
  FROM kd.meetings m
  CROSS JOIN LATERAL (
    SELECT count(*) FILTER (WHERE mp.first_seen_at IS NOT NULL)::integer AS participants,
           count(*) FILTER (WHERE mp.presence = 'joined')::integer AS live_participants
    FROM kd.meeting_participants mp WHERE mp.meeting_id = m.meeting_id
  ) p
  ${
    scheduling
      ? `CROSS JOIN LATERAL (
    SELECT count(*) FILTER (WHERE mr.interested)::integer AS rsvps
    FROM kd.meeting_rsvps mr WHERE mr.meeting_id = m.meeting_id
  ) r`
      : ''
  }
  WHERE m.ended_at IS NULL AND (m.created_at IS NOT NULL OR m.started_at IS NOT NULL)
  ${scheduling ? 'AND m.canceled_at IS NULL' : ''}`;
}

async function comment(q: QueryRunner): Promise<void> {
  const columns: Record<string, string> = {
    scheduled_start:
      'when a scheduled meeting starts (meeting.scheduled startsAt, UTC); NULL if started at once',
    duration_minutes: 'planned duration of a scheduled meeting in minutes; NULL if not scheduled',
    rsvps:
      'members currently interested in its Discord scheduled event (meeting.rsvp_added minus removed)',
  };
  for (const [column, text] of Object.entries(columns))
    await q.query(
      `COMMENT ON COLUMN analytics.meetings_live.${column} IS '${text.replaceAll("'", "''")}'`,
    );
}
