import type { MigrationInterface, QueryRunner } from 'typeorm';

/** `analytics.event_log`: every event as a row, for ad-hoc SQL (DESIGN §4). */
export class EventLog1763884800001 implements MigrationInterface {
  name = 'EventLog1763884800001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE kd.event_log (
        seq bigint NOT NULL,
        id text NOT NULL,
        type text NOT NULL,
        version integer NOT NULL,
        recorded_version integer NOT NULL,
        occurred_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL,
        guild_id text,
        actor_kind text NOT NULL,
        actor_id text NOT NULL,
        correlation_id text NOT NULL,
        causation_id text,
        payload jsonb NOT NULL,
        CONSTRAINT event_log_pk PRIMARY KEY (seq),
        CONSTRAINT event_log_id_uq UNIQUE (id)
      )`);
    await q.query(`CREATE INDEX event_log_occurred_at_ix ON kd.event_log (occurred_at)`);
    await q.query(
      `CREATE INDEX event_log_guild_occurred_at_ix ON kd.event_log (guild_id, occurred_at)`,
    );
    await q.query(`CREATE INDEX event_log_type_occurred_at_ix ON kd.event_log (type, occurred_at)`);
    await q.query(`
      CREATE VIEW analytics.event_log AS
      SELECT seq, id, type, version, recorded_version, occurred_at, recorded_at, guild_id,
             actor_kind, actor_id, correlation_id, causation_id, payload
      FROM kd.event_log`);
    const comments: Record<string, string> = {
      seq: 'JetStream stream sequence of the event (its position in the log; unique, increasing)',
      id: 'event id (UUID, or derived from the source: Discord interaction, Kaltura notification job)',
      type: 'event type, "aggregate.past_tense" (see docs/events.md)',
      version: 'schema version of payload as stored here (older versions are upcast on read)',
      recorded_version: 'schema version the event was originally written with',
      occurred_at: 'when it happened at the source (UTC); metric windows use this column',
      recorded_at: 'when the event was appended to the stream (UTC)',
      guild_id: 'Discord guild (server) id; NULL for global events',
      actor_kind: 'who caused it: user, system or kaltura',
      actor_id: 'Discord user id, system component name, or Kaltura partner id',
      correlation_id: 'id shared by every event and log line of one request or interaction',
      causation_id: 'id of the event that caused this one, if any',
      payload: 'event payload (jsonb), fields per type as documented in docs/events.md',
    };
    await q.query(
      `COMMENT ON VIEW analytics.event_log IS 'Every event of the log as a row, one per event id, in stream order (seq).'`,
    );
    for (const [column, text] of Object.entries(comments)) {
      await q.query(
        `COMMENT ON COLUMN analytics.event_log.${column} IS '${text.replaceAll("'", "''")}'`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW analytics.event_log`);
    await q.query(`DROP TABLE kd.event_log`);
  }
}
