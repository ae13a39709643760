import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The runner's own state: checkpoints and parked (dead-letter) events, in schema `kd`. */
export class ProjectionInfrastructure1763884800000 implements MigrationInterface {
  name = 'ProjectionInfrastructure1763884800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS kd`);
    await q.query(`CREATE SCHEMA IF NOT EXISTS analytics`);
    await q.query(`
      CREATE TABLE kd.projection_checkpoints (
        projection text NOT NULL,
        last_seq bigint NOT NULL DEFAULT 0,
        last_occurred_at timestamptz,
        projection_version integer NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT projection_checkpoints_pk PRIMARY KEY (projection),
        CONSTRAINT projection_checkpoints_seq_ck CHECK (last_seq >= 0)
      )`);
    await q.query(`
      CREATE TABLE kd.projection_dead_letters (
        id bigserial NOT NULL,
        projection text NOT NULL,
        seq bigint NOT NULL,
        event_id text,
        event_type text,
        error_code text NOT NULL,
        error_message text NOT NULL,
        raw text NOT NULL,
        parked_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT projection_dead_letters_pk PRIMARY KEY (id),
        CONSTRAINT projection_dead_letters_seq_uq UNIQUE (projection, seq)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE kd.projection_dead_letters`);
    await q.query(`DROP TABLE kd.projection_checkpoints`);
  }
}
