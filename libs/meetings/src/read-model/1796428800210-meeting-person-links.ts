import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `kd.meeting_person_links`: Kaltura user → Discord member, from `person.linked` (the first link
 * of a Kaltura user wins), so a participant Kaltura reports under its own user id counts as the
 * member who got the join link (docs/people.md).
 */
export class MeetingPersonLinks1796428800210 implements MigrationInterface {
  name = 'MeetingPersonLinks1796428800210';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE kd.meeting_person_links (
        kaltura_user_id text NOT NULL,
        discord_user_id text NOT NULL,
        last_seq bigint NOT NULL,
        CONSTRAINT meeting_person_links_pk PRIMARY KEY (kaltura_user_id))`);
    await q.query(
      `CREATE INDEX meeting_participants_participant_ix ON kd.meeting_participants (participant_id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX kd.meeting_participants_participant_ix`);
    await q.query(`DROP TABLE kd.meeting_person_links`);
  }
}
