import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tables of the `analytics` projection (libs/analytics/src/projection) and the clock functions
 * every analytics view evaluates at: `analytics.as_of()` is `SET kd.now = '…'` or now().
 */
export class AnalyticsTables1763884800300 implements MigrationInterface {
  name = 'AnalyticsTables1763884800300';

  async up(q: QueryRunner): Promise<void> {
    for (const statement of [...this.functions, ...this.guildTables, ...this.activityTables])
      await q.query(statement);
    await q.query(
      `INSERT INTO kd.analytics_user_facing_commands (command)
       SELECT unnest($1::text[])`,
      [this.userFacingCommands],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ${this.tables.map((t) => `kd.analytics_${t}`).join(', ')}`);
    await q.query(`DROP FUNCTION analytics.as_of_week(), analytics.as_of_day(), analytics.as_of(),
                                 analytics.iso_week(date), analytics.utc_start(date),
                                 analytics.utc_day(timestamptz)`);
  }

  private readonly userFacingCommands = [
    'kaltura-start',
    'kaltura-join',
    'kaltura-list',
    'kaltura-end',
    'kaltura-video-search',
    'kaltura-config-view',
    'kaltura-config-update',
    'kaltura-config-reset',
    'kaltura-stats',
  ];

  private readonly tables = [
    'event_ids',
    'guilds',
    'guild_installs',
    'member_counts',
    'config_events',
    'commands',
    'guild_days',
    'guild_day_users',
    'guild_day_commands',
    'meetings',
    'meeting_participants',
    'meeting_presence',
    'user_facing_commands',
  ];

  private readonly functions = [
    `CREATE FUNCTION analytics.as_of() RETURNS timestamptz LANGUAGE sql STABLE PARALLEL SAFE
     AS $$ SELECT coalesce(nullif(current_setting('kd.now', true), '')::timestamptz, now()) $$`,
    `COMMENT ON FUNCTION analytics.as_of() IS 'The instant every analytics view is evaluated at: the session setting kd.now (SET kd.now = ''2026-03-16T00:00:00Z''), else now()'`,
    `CREATE FUNCTION analytics.utc_day(t timestamptz) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE
     AS $$ SELECT (t AT TIME ZONE 'UTC')::date $$`,
    `COMMENT ON FUNCTION analytics.utc_day(timestamptz) IS 'The UTC calendar day of an instant'`,
    `CREATE FUNCTION analytics.utc_start(day date) RETURNS timestamptz LANGUAGE sql IMMUTABLE PARALLEL SAFE
     AS $$ SELECT day::timestamp AT TIME ZONE 'UTC' $$`,
    `COMMENT ON FUNCTION analytics.utc_start(date) IS 'The instant a UTC day starts (00:00:00 UTC)'`,
    `CREATE FUNCTION analytics.iso_week(day date) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE
     AS $$ SELECT day - (extract(isodow FROM day)::int - 1) $$`,
    `COMMENT ON FUNCTION analytics.iso_week(date) IS 'The Monday of the ISO week containing a day'`,
    `CREATE FUNCTION analytics.as_of_day() RETURNS date LANGUAGE sql STABLE PARALLEL SAFE
     AS $$ SELECT analytics.utc_day(analytics.as_of()) $$`,
    `COMMENT ON FUNCTION analytics.as_of_day() IS 'Today: the UTC day of analytics.as_of(); "the last N days" end the day before'`,
    `CREATE FUNCTION analytics.as_of_week() RETURNS date LANGUAGE sql STABLE PARALLEL SAFE
     AS $$ SELECT analytics.iso_week(analytics.as_of_day()) $$`,
    `COMMENT ON FUNCTION analytics.as_of_week() IS 'The current ISO week (its Monday); complete weeks end before it'`,
  ];

  private readonly guildTables = [
    `CREATE TABLE kd.analytics_event_ids (
       event_id text NOT NULL,
       seq bigint NOT NULL,
       CONSTRAINT analytics_event_ids_pk PRIMARY KEY (event_id))`,
    `CREATE TABLE kd.analytics_guilds (
       guild_id text NOT NULL,
       first_seen_at timestamptz NOT NULL,
       first_installed_at timestamptz,
       CONSTRAINT analytics_guilds_pk PRIMARY KEY (guild_id))`,
    `CREATE TABLE kd.analytics_guild_installs (
       seq bigint NOT NULL,
       guild_id text NOT NULL,
       occurred_at timestamptz NOT NULL,
       installed boolean NOT NULL,
       CONSTRAINT analytics_guild_installs_pk PRIMARY KEY (seq))`,
    `CREATE INDEX analytics_guild_installs_guild_ix ON kd.analytics_guild_installs (guild_id, occurred_at, seq)`,
    `CREATE TABLE kd.analytics_member_counts (
       seq bigint NOT NULL,
       guild_id text NOT NULL,
       occurred_at timestamptz NOT NULL,
       member_count bigint NOT NULL,
       CONSTRAINT analytics_member_counts_pk PRIMARY KEY (seq))`,
    `CREATE INDEX analytics_member_counts_guild_ix ON kd.analytics_member_counts (guild_id, occurred_at, seq)`,
    `CREATE TABLE kd.analytics_config_events (
       seq bigint NOT NULL,
       guild_id text NOT NULL,
       occurred_at timestamptz NOT NULL,
       change text NOT NULL,
       key text,
       section text NOT NULL,
       new_value text,
       has_override boolean NOT NULL DEFAULT false,
       has_template_override boolean NOT NULL DEFAULT false,
       has_role_mapping_override boolean NOT NULL DEFAULT false,
       has_notification_override boolean NOT NULL DEFAULT false,
       CONSTRAINT analytics_config_events_pk PRIMARY KEY (seq),
       CONSTRAINT analytics_config_events_change_ck CHECK (change IN ('updated', 'reset')))`,
    `CREATE INDEX analytics_config_events_guild_ix ON kd.analytics_config_events (guild_id, occurred_at, seq)`,
  ];

  private readonly activityTables = [
    `CREATE TABLE kd.analytics_commands (
       seq bigint NOT NULL,
       guild_id text NOT NULL,
       occurred_at timestamptz NOT NULL,
       user_id text NOT NULL,
       command text NOT NULL,
       outcome text NOT NULL,
       CONSTRAINT analytics_commands_pk PRIMARY KEY (seq))`,
    `CREATE INDEX analytics_commands_occurred_at_ix ON kd.analytics_commands (occurred_at)`,
    `CREATE TABLE kd.analytics_guild_days (
       guild_id text NOT NULL,
       day date NOT NULL,
       commands integer NOT NULL,
       errors integer NOT NULL,
       unique_users integer NOT NULL,
       CONSTRAINT analytics_guild_days_pk PRIMARY KEY (guild_id, day))`,
    `CREATE INDEX analytics_guild_days_day_ix ON kd.analytics_guild_days (day)`,
    `CREATE TABLE kd.analytics_guild_day_users (
       guild_id text NOT NULL,
       day date NOT NULL,
       user_id text NOT NULL,
       commands integer NOT NULL,
       CONSTRAINT analytics_guild_day_users_pk PRIMARY KEY (guild_id, day, user_id))`,
    `CREATE INDEX analytics_guild_day_users_day_ix ON kd.analytics_guild_day_users (day)`,
    `CREATE TABLE kd.analytics_guild_day_commands (
       guild_id text NOT NULL,
       day date NOT NULL,
       command text NOT NULL,
       commands integer NOT NULL,
       errors integer NOT NULL,
       CONSTRAINT analytics_guild_day_commands_pk PRIMARY KEY (guild_id, day, command))`,
    `CREATE INDEX analytics_guild_day_commands_day_ix ON kd.analytics_guild_day_commands (day)`,
    `CREATE TABLE kd.analytics_meetings (
       meeting_id text NOT NULL,
       guild_id text,
       type text,
       owner_user_id text,
       created_at timestamptz,
       created_seq bigint,
       started_at timestamptz,
       ended_at timestamptz,
       CONSTRAINT analytics_meetings_pk PRIMARY KEY (meeting_id))`,
    `CREATE INDEX analytics_meetings_created_at_ix ON kd.analytics_meetings (created_at)`,
    `CREATE INDEX analytics_meetings_guild_ix ON kd.analytics_meetings (guild_id, created_at)`,
    `CREATE INDEX analytics_meetings_started_at_ix ON kd.analytics_meetings (started_at)`,
    `CREATE INDEX analytics_meetings_ended_at_ix ON kd.analytics_meetings (ended_at)`,
    `CREATE TABLE kd.analytics_meeting_participants (
       meeting_id text NOT NULL,
       participant_id text NOT NULL,
       first_seen_at timestamptz NOT NULL,
       CONSTRAINT analytics_meeting_participants_pk PRIMARY KEY (meeting_id, participant_id))`,
    `CREATE TABLE kd.analytics_meeting_presence (
       seq bigint NOT NULL,
       meeting_id text NOT NULL,
       participant_id text NOT NULL,
       occurred_at timestamptz NOT NULL,
       joined boolean NOT NULL,
       CONSTRAINT analytics_meeting_presence_pk PRIMARY KEY (seq))`,
    `CREATE INDEX analytics_meeting_presence_pair_ix
       ON kd.analytics_meeting_presence (meeting_id, participant_id, occurred_at, seq)`,
    `CREATE TABLE kd.analytics_user_facing_commands (
       command text NOT NULL,
       CONSTRAINT analytics_user_facing_commands_pk PRIMARY KEY (command))`,
  ];
}
