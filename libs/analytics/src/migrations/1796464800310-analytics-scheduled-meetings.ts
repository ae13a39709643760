import type { MigrationInterface, QueryRunner } from 'typeorm';
import { assignSchemasTo } from '@kd/projections';

/**
 * `/kaltura-schedule` and `/kaltura-cancel` become user-facing commands (feature adoption counts
 * them), and `analytics.scheduled_meetings` tells how scheduled meetings went: RSVPs against
 * attendance. It reads the meetings read model (kd.meetings, kd.meeting_rsvps,
 * kd.meeting_participants; migration 1796464800210).
 */
export class AnalyticsScheduledMeetings1796464800310 implements MigrationInterface {
  name = 'AnalyticsScheduledMeetings1796464800310';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `INSERT INTO kd.analytics_user_facing_commands (command) SELECT unnest($1::text[])`,
      [newCommands],
    );
    await q.query(view);
    await q.query(`COMMENT ON VIEW analytics.scheduled_meetings IS ${quote(comments.view)}`);
    for (const [column, text] of Object.entries(comments.columns))
      await q.query(`COMMENT ON COLUMN analytics.scheduled_meetings.${column} IS ${quote(text)}`);
    // Created by the migrating superuser: handed to kd_app like the rest (AppRole1763884800900).
    await assignSchemasTo(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW analytics.scheduled_meetings`);
    await q.query(`DELETE FROM kd.analytics_user_facing_commands WHERE command = ANY($1::text[])`, [
      newCommands,
    ]);
  }
}

const newCommands = ['kaltura-schedule', 'kaltura-cancel'];

const view = `
  CREATE VIEW analytics.scheduled_meetings AS
  SELECT m.meeting_id, m.guild_id, m.scheduled_start, m.duration_minutes,
         r.rsvps, p.attendees,
         CASE WHEN r.rsvps > 0 THEN r.rsvp_attendees::float8 / r.rsvps END AS rsvp_attendance_rate,
         m.canceled_at IS NOT NULL AS canceled
  FROM kd.meetings m
  CROSS JOIN LATERAL (
    SELECT count(*)::integer AS attendees
    FROM kd.meeting_participants mp
    WHERE mp.meeting_id = m.meeting_id AND mp.first_seen_at IS NOT NULL
  ) p
  CROSS JOIN LATERAL (
    SELECT count(*)::integer AS rsvps,
           count(*) FILTER (WHERE EXISTS (
             SELECT 1 FROM kd.meeting_participants mp
             WHERE mp.meeting_id = mr.meeting_id AND mp.participant_id = mr.user_id
               AND mp.first_seen_at IS NOT NULL))::integer AS rsvp_attendees
    FROM kd.meeting_rsvps mr
    WHERE mr.meeting_id = m.meeting_id AND mr.interested
  ) r
  WHERE m.scheduled_start IS NOT NULL`;

const comments = {
  view: 'One row per scheduled meeting (/kaltura-schedule): when, how long, who was interested and who came. Order: none (sort by scheduled_start).',
  columns: {
    meeting_id: 'our meeting id',
    guild_id: 'Discord guild (server) the meeting belongs to',
    scheduled_start: 'planned start (meeting.scheduled startsAt), UTC',
    duration_minutes: 'planned duration in minutes',
    rsvps:
      'members interested in its Discord event now (latest meeting.rsvp_added/removed per member)',
    attendees:
      'distinct participants: users who got a join link or were reported joining (as analytics.meetings.participants)',
    rsvp_attendance_rate:
      'share of the interested members who are among the attendees (by Discord user id); NULL without RSVPs',
    canceled: 'true once meeting.canceled was recorded',
  },
};

const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;
