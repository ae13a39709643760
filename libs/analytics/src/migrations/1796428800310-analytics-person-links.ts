import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `kd.analytics_person_links`: the Kaltura user → Discord member mappings of `person.linked`
 * (first per Kaltura user), by which meeting participants are counted once per person
 * (docs/analytics-rules.md §4). The views are unchanged: the projection folds the ids it writes.
 */
export class AnalyticsPersonLinks1796428800310 implements MigrationInterface {
  name = 'AnalyticsPersonLinks1796428800310';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE kd.analytics_person_links (
        kaltura_user_id text NOT NULL,
        discord_user_id text NOT NULL,
        seq bigint NOT NULL,
        CONSTRAINT analytics_person_links_pk PRIMARY KEY (kaltura_user_id))`);
    await q.query(
      `CREATE INDEX analytics_meeting_participants_participant_ix
         ON kd.analytics_meeting_participants (participant_id)`,
    );
    await q.query(
      `CREATE INDEX analytics_meeting_presence_participant_ix
         ON kd.analytics_meeting_presence (participant_id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX kd.analytics_meeting_presence_participant_ix`);
    await q.query(`DROP INDEX kd.analytics_meeting_participants_participant_ix`);
    await q.query(`DROP TABLE kd.analytics_person_links`);
  }
}
