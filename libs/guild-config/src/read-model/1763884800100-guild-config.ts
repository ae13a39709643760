import type { MigrationInterface, QueryRunner } from 'typeorm';

const configurationComments: Record<string, string> = {
  guild_id:
    'Discord guild (server) id; guilds without a row have never changed their configuration',
  overrides:
    'the keys the guild set, as {"dotted.key": value} (e.g. "notifications.types.meeting_end": false); absent keys take the default',
  overridden_keys:
    'dotted keys whose effective value differs from config/default_config.json, sorted',
  has_override: 'true when any effective value differs from config/default_config.json',
  has_template_override: 'true when a message template (notifications.templates.*) differs',
  has_role_mapping_override:
    'true when the Discord → Kaltura role mapping (roles.mapping.*) differs',
  has_notification_override:
    'true when notification settings differ: notifications.enabled, notifications.types.* or notifications.channels.*',
  config_events: 'number of config.updated/config.reset events applied for this guild',
  updated_at: 'occurred_at of the latest configuration event (UTC)',
  updated_by: 'Discord user id (or system actor) of the latest configuration event',
};

const changesComments: Record<string, string> = {
  seq: 'stream sequence of the config event (unique)',
  event_id: 'event id',
  guild_id: 'Discord guild (server) id',
  change: 'updated (one key set or removed) or reset (a section, or all, back to defaults)',
  key: 'dotted key that was set (updated); NULL for a reset',
  section: 'notifications, commands, roles or features; all for a full reset',
  old_value: 'effective value before the update (jsonb); NULL for a reset or when absent',
  new_value: 'value set (jsonb); NULL when the key was removed (back to default) or for a reset',
  occurred_at: 'when the change was made (UTC)',
  actor_user_id: 'Discord user id (or system actor) who made the change',
};

/** Guild configuration read model (DESIGN §4 customization metrics); see docs/guild-config.md. */
export class GuildConfig1763884800100 implements MigrationInterface {
  name = 'GuildConfig1763884800100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE kd.guild_config_overrides (
        guild_id text NOT NULL,
        overrides jsonb NOT NULL,
        overridden_keys text[] NOT NULL,
        has_override boolean NOT NULL,
        has_template_override boolean NOT NULL,
        has_role_mapping_override boolean NOT NULL,
        has_notification_override boolean NOT NULL,
        version integer NOT NULL,
        last_seq bigint NOT NULL,
        updated_at timestamptz NOT NULL,
        updated_by text NOT NULL,
        CONSTRAINT guild_config_overrides_pk PRIMARY KEY (guild_id),
        CONSTRAINT guild_config_overrides_version_ck CHECK (version > 0)
      )`);
    await q.query(`
      CREATE TABLE kd.guild_config_changes (
        seq bigint NOT NULL,
        event_id text NOT NULL,
        guild_id text NOT NULL,
        change text NOT NULL,
        key text,
        section text NOT NULL,
        old_value jsonb,
        new_value jsonb,
        occurred_at timestamptz NOT NULL,
        actor_user_id text NOT NULL,
        CONSTRAINT guild_config_changes_pk PRIMARY KEY (seq),
        CONSTRAINT guild_config_changes_event_id_uq UNIQUE (event_id),
        CONSTRAINT guild_config_changes_change_ck CHECK (change IN ('updated', 'reset'))
      )`);
    await q.query(
      `CREATE INDEX guild_config_changes_guild_occurred_at_ix ON kd.guild_config_changes (guild_id, occurred_at)`,
    );
    await q.query(
      `CREATE INDEX guild_config_changes_occurred_at_ix ON kd.guild_config_changes (occurred_at)`,
    );
    await q.query(`
      CREATE VIEW analytics.guild_configuration AS
      SELECT guild_id, overrides, overridden_keys, has_override, has_template_override,
             has_role_mapping_override, has_notification_override, version AS config_events,
             updated_at, updated_by
      FROM kd.guild_config_overrides`);
    await q.query(`
      CREATE VIEW analytics.guild_config_changes AS
      SELECT seq, event_id, guild_id, change, key, section, old_value, new_value, occurred_at,
             actor_user_id
      FROM kd.guild_config_changes`);
    await comment(
      q,
      'analytics.guild_configuration',
      'One row per guild that ever changed its configuration: its overrides and which kinds of setting differ from the defaults.',
      configurationComments,
    );
    await comment(
      q,
      'analytics.guild_config_changes',
      'One row per config.updated / config.reset event, in stream order.',
      changesComments,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW analytics.guild_config_changes`);
    await q.query(`DROP VIEW analytics.guild_configuration`);
    await q.query(`DROP TABLE kd.guild_config_changes`);
    await q.query(`DROP TABLE kd.guild_config_overrides`);
  }
}

async function comment(
  q: QueryRunner,
  view: string,
  text: string,
  columns: Record<string, string>,
): Promise<void> {
  const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;
  await q.query(`COMMENT ON VIEW ${view} IS ${quote(text)}`);
  for (const [column, description] of Object.entries(columns))
    await q.query(`COMMENT ON COLUMN ${view}.${column} IS ${quote(description)}`);
}
