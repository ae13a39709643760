import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createViews, dropViews, type ViewSpec } from '../projection/view-spec.js';

/**
 * Guild state, meetings and activity as of `analytics.as_of()` (docs/analytics.md). Days before
 * today come from the day aggregates; today is counted from the raw commands up to the instant,
 * so `SET kd.now` to any past instant gives what was known then.
 */
export class AnalyticsActivityViews1763884800301 implements MigrationInterface {
  name = 'AnalyticsActivityViews1763884800301';

  async up(q: QueryRunner): Promise<void> {
    for (const statement of this.internalViews) await q.query(statement);
    await createViews(q, this.views);
  }

  async down(q: QueryRunner): Promise<void> {
    await dropViews(q, this.views);
    await q.query(`DROP VIEW kd.analytics_guild_day_commands_as_of, kd.analytics_guild_day_users_as_of,
                             kd.analytics_guild_days_as_of`);
  }

  /** The day aggregates up to the instant: complete days from the tables, today from raw rows. */
  private readonly internalViews = [
    `CREATE VIEW kd.analytics_guild_days_as_of AS
     SELECT guild_id, day, commands, errors, unique_users
     FROM kd.analytics_guild_days WHERE day < analytics.as_of_day()
     UNION ALL
     SELECT guild_id, analytics.as_of_day(), count(*)::int,
            (count(*) FILTER (WHERE outcome = 'error'))::int, count(DISTINCT user_id)::int
     FROM kd.analytics_commands
     WHERE occurred_at >= analytics.utc_start(analytics.as_of_day()) AND occurred_at <= analytics.as_of()
     GROUP BY guild_id`,
    `CREATE VIEW kd.analytics_guild_day_users_as_of AS
     SELECT guild_id, day, user_id FROM kd.analytics_guild_day_users WHERE day < analytics.as_of_day()
     UNION ALL
     SELECT DISTINCT guild_id, analytics.as_of_day(), user_id
     FROM kd.analytics_commands
     WHERE occurred_at >= analytics.utc_start(analytics.as_of_day()) AND occurred_at <= analytics.as_of()`,
    `CREATE VIEW kd.analytics_guild_day_commands_as_of AS
     SELECT guild_id, day, command, commands, errors
     FROM kd.analytics_guild_day_commands WHERE day < analytics.as_of_day()
     UNION ALL
     SELECT guild_id, analytics.as_of_day(), command, count(*)::int,
            (count(*) FILTER (WHERE outcome = 'error'))::int
     FROM kd.analytics_commands
     WHERE occurred_at >= analytics.utc_start(analytics.as_of_day()) AND occurred_at <= analytics.as_of()
     GROUP BY guild_id, command`,
  ];

  private readonly views: ViewSpec[] = [
    {
      name: 'analytics.clock',
      sql: `SELECT analytics.as_of() AS as_of, analytics.as_of_day() AS today,
                   analytics.as_of_week() AS current_week`,
      comment:
        "The instant every analytics view is evaluated at (SET kd.now = '…' to look back; default now()), and its UTC day and ISO week.",
      columns: {
        as_of:
          'the instant: setting kd.now if set, else now(); events that occurred after it are ignored everywhere',
        today: 'UTC day of as_of; "the last N days" are the N complete days before it',
        current_week: 'Monday of the ISO week of today; "complete weeks" are the weeks before it',
      },
    },
    {
      name: 'analytics.guilds',
      sql: `
        SELECT g.guild_id, g.first_seen_at, f.first_installed_at,
               analytics.utc_day(f.first_installed_at) AS install_day,
               coalesce(i.installed, false) AS installed, mc.member_count::int AS member_count,
               coalesce(c.has_override, false) AS has_override,
               coalesce(c.has_template_override, false) AS has_template_override,
               coalesce(c.has_role_mapping_override, false) AS has_role_mapping_override,
               coalesce(c.has_notification_override, false) AS has_notification_override
        FROM kd.analytics_guilds g
        CROSS JOIN LATERAL (
          SELECT CASE WHEN g.first_installed_at <= analytics.as_of() THEN g.first_installed_at END
                 AS first_installed_at) f
        LEFT JOIN LATERAL (
          SELECT x.installed FROM kd.analytics_guild_installs x
          WHERE x.guild_id = g.guild_id AND x.occurred_at <= analytics.as_of()
          ORDER BY x.occurred_at DESC, x.seq DESC LIMIT 1) i ON true
        LEFT JOIN LATERAL (
          SELECT x.member_count FROM kd.analytics_member_counts x
          WHERE x.guild_id = g.guild_id AND x.occurred_at <= analytics.as_of()
          ORDER BY x.occurred_at DESC, x.seq DESC LIMIT 1) mc ON true
        LEFT JOIN LATERAL (
          SELECT x.has_override, x.has_template_override, x.has_role_mapping_override,
                 x.has_notification_override
          FROM kd.analytics_config_events x
          WHERE x.guild_id = g.guild_id AND x.occurred_at <= analytics.as_of()
          ORDER BY x.occurred_at DESC, x.seq DESC LIMIT 1) c ON true
        WHERE g.first_seen_at <= analytics.as_of()`,
      comment:
        'One row per guild id seen in any event up to as_of (installed or not, unknown guilds included): install, member count and configuration overrides as of then. Order: guild_id.',
      columns: {
        guild_id: 'Discord guild (server) id',
        first_seen_at: 'occurred_at of the earliest event of any type carrying this guild id',
        first_installed_at:
          'occurred_at of its first guild.installed; NULL if never installed (an unknown guild)',
        install_day:
          'UTC day of first_installed_at: the install day and cohort (a reinstall does not move it)',
        installed:
          'true when its latest guild.installed / guild.uninstalled (by occurred_at, then stream position) is an install',
        member_count:
          'latest known member count (guild.installed with a count, guild.member_count_changed); NULL if never known',
        has_override:
          'true when any effective setting differs from config/default_config.json after its config.updated / config.reset events',
        has_template_override:
          'true when a key under notifications.templates. differs from the default',
        has_role_mapping_override: 'true when a key under roles.mapping. differs from the default',
        has_notification_override:
          'true when notifications.enabled, or a key under notifications.types. or notifications.channels., differs from the default',
      },
    },
    {
      name: 'analytics.meetings_as_of',
      sql: `
        SELECT m.meeting_id, m.guild_id, m.type, m.owner_user_id, m.created_at, s.started_at,
               s.ended_at,
               CASE WHEN s.ended_at IS NOT NULL THEN
                 greatest(0, extract(epoch FROM s.ended_at - coalesce(s.started_at, m.created_at)))::float8
               END AS duration_seconds,
               (SELECT count(*)::int FROM kd.analytics_meeting_participants p
                WHERE p.meeting_id = m.meeting_id AND p.first_seen_at <= analytics.as_of())
                 AS participants
        FROM kd.analytics_meetings m
        CROSS JOIN LATERAL (
          SELECT CASE WHEN m.started_at <= analytics.as_of() THEN m.started_at END AS started_at,
                 CASE WHEN m.ended_at <= analytics.as_of() THEN m.ended_at END AS ended_at) s
        WHERE m.created_at <= analytics.as_of()`,
      comment:
        'One row per meeting created up to as_of, by the rules of docs/analytics-rules.md §4 (the metrics use these rows). Unlike analytics.meetings, events after as_of are ignored and meetings never created are absent. Order: created_at, meeting_id.',
      columns: {
        meeting_id: 'meeting id (payload.meetingId of meeting.created)',
        guild_id:
          'guild of its first meeting.created (by occurred_at); NULL for a meeting outside a guild',
        type: 'meeting, webinar or classroom (first meeting.created)',
        owner_user_id: 'Discord user id of the owner (ownerUserId of the first meeting.created)',
        created_at: 'occurred_at of its first meeting.created',
        started_at: 'occurred_at of its earliest meeting.started; NULL if none',
        ended_at: 'occurred_at of its earliest meeting.ended; NULL while not ended',
        duration_seconds:
          'ended_at − coalesce(started_at, created_at) in seconds (millisecond precision), never negative; NULL while not ended',
        participants:
          'distinct people among join links issued (userId) and Kaltura joins (participantId)',
      },
    },
    {
      name: 'analytics.installed_guilds',
      sql: `
        WITH latest AS (
          SELECT DISTINCT ON (x.guild_id) x.guild_id, x.installed
          FROM kd.analytics_guild_installs x
          WHERE x.occurred_at <= analytics.as_of()
          ORDER BY x.guild_id, x.occurred_at DESC, x.seq DESC),
        ever AS (
          SELECT guild_id FROM kd.analytics_guilds WHERE first_installed_at <= analytics.as_of())
        SELECT (SELECT count(*)::int FROM latest WHERE installed) AS installed_guilds,
               (SELECT count(*)::int FROM ever JOIN latest USING (guild_id) WHERE NOT installed)
                 AS uninstalled_guilds,
               (SELECT count(*)::int FROM kd.analytics_guilds
                WHERE first_seen_at <= analytics.as_of()
                  AND (first_installed_at IS NULL OR first_installed_at > analytics.as_of()))
                 AS unknown_guilds`,
      comment:
        'Guild counts in one row, as of analytics.as_of() (the kd_installed_guilds gauge): installed now, installed once but not now, and seen without ever being installed.',
      columns: {
        installed_guilds:
          'guilds whose latest guild.installed / guild.uninstalled (by occurred_at, then stream position) is an install',
        uninstalled_guilds: 'guilds installed at some point but uninstalled now',
        unknown_guilds:
          'guild ids seen in events (commands, configuration, …) that were never installed',
      },
    },
    {
      name: 'analytics.live_participants',
      sql: `
        SELECT x.meeting_id, x.guild_id, x.participant_id, x.joined_at
        FROM (
          SELECT DISTINCT ON (p.meeting_id, p.participant_id) p.meeting_id, m.guild_id,
                 p.participant_id, p.occurred_at AS joined_at, p.joined
          FROM kd.analytics_meeting_presence p
          JOIN kd.analytics_meetings m USING (meeting_id)
          WHERE m.created_at <= analytics.as_of() AND m.started_at <= analytics.as_of()
            AND m.started_at > analytics.as_of() - interval '24 hours'
            AND (m.ended_at IS NULL OR m.ended_at > analytics.as_of())
            AND p.occurred_at <= analytics.as_of()
          ORDER BY p.meeting_id, p.participant_id, p.occurred_at DESC, p.seq DESC) x
        WHERE x.joined`,
      comment:
        'People in live meetings (analytics.live_meetings) at analytics.as_of(): their latest meeting.participant_joined / participant_left (by occurred_at, then stream position) is a join. A join link alone is not presence. Order: meeting_id, participant_id.',
      columns: {
        meeting_id: 'live meeting id',
        guild_id: 'guild of the meeting; NULL for a meeting outside a guild',
        participant_id:
          'participant id as Kaltura reports it (a Discord user id for our join links)',
        joined_at: 'occurred_at of their latest join',
      },
    },
    {
      name: 'analytics.live_meetings',
      sql: `
        SELECT m.meeting_id, m.guild_id, m.type, m.owner_user_id, m.created_at, m.started_at,
               extract(epoch FROM analytics.as_of() - m.started_at)::float8 AS live_seconds,
               (SELECT count(*)::int FROM kd.analytics_meeting_participants p
                WHERE p.meeting_id = m.meeting_id AND p.first_seen_at <= analytics.as_of())
                 AS participants,
               (SELECT count(*)::int FROM analytics.live_participants l
                WHERE l.meeting_id = m.meeting_id) AS live_participants
        FROM kd.analytics_meetings m
        WHERE m.created_at <= analytics.as_of() AND m.started_at <= analytics.as_of()
          AND m.started_at > analytics.as_of() - interval '24 hours'
          AND (m.ended_at IS NULL OR m.ended_at > analytics.as_of())`,
      comment:
        'Meetings live at analytics.as_of(): created, started, not ended, and started less than 24 hours before (a meeting whose end webhook was lost stops being live after a day). Order: started_at.',
      columns: {
        meeting_id: 'meeting id',
        guild_id: 'guild of the meeting; NULL for a meeting outside a guild',
        type: 'meeting, webinar or classroom',
        owner_user_id: 'Discord user id of the owner',
        created_at: 'occurred_at of its first meeting.created',
        started_at: 'occurred_at of its earliest meeting.started',
        live_seconds: 'seconds since started_at, at as_of',
        participants: 'distinct people so far: join links issued and Kaltura joins',
        live_participants: 'people in the room now (rows of analytics.live_participants)',
      },
    },
    {
      name: 'analytics.guild_daily_activity',
      sql: `
        WITH meetings AS (
          SELECT guild_id, analytics.utc_day(created_at) AS day, count(*)::int AS meetings_created
          FROM kd.analytics_meetings
          WHERE guild_id IS NOT NULL AND created_at <= analytics.as_of()
          GROUP BY 1, 2)
        SELECT coalesce(d.guild_id, m.guild_id) AS guild_id, coalesce(d.day, m.day) AS day,
               coalesce(d.commands, 0) AS commands, coalesce(d.unique_users, 0) AS unique_users,
               coalesce(m.meetings_created, 0) AS meetings_created, coalesce(d.errors, 0) AS errors
        FROM kd.analytics_guild_days_as_of d
        FULL JOIN meetings m ON m.guild_id = d.guild_id AND m.day = d.day`,
      comment:
        'One row per guild and UTC day with at least one command or meeting created, all history up to as_of (today included, up to as_of; unknown guilds included). Order: guild_id, day.',
      columns: {
        guild_id: 'Discord guild (server) id',
        day: 'UTC day (of occurred_at)',
        commands: 'command.executed events that day, whatever their outcome',
        unique_users: 'distinct userId of those commands',
        meetings_created: 'meetings of this guild created that day (analytics.meetings_as_of)',
        errors: 'commands with outcome error (denied and invalid are not errors)',
      },
    },
    {
      name: 'analytics.guild_weekly_activity',
      sql: `
        WITH days AS (
          SELECT guild_id, analytics.iso_week(day) AS week, sum(commands)::int AS commands,
                 sum(errors)::int AS errors, count(*)::int AS active_days
          FROM kd.analytics_guild_days_as_of GROUP BY 1, 2),
        users AS (
          SELECT guild_id, analytics.iso_week(day) AS week, count(DISTINCT user_id)::int AS unique_users
          FROM kd.analytics_guild_day_users_as_of GROUP BY 1, 2),
        meetings AS (
          SELECT guild_id, analytics.iso_week(analytics.utc_day(created_at)) AS week,
                 count(*)::int AS meetings_created
          FROM kd.analytics_meetings
          WHERE guild_id IS NOT NULL AND created_at <= analytics.as_of()
          GROUP BY 1, 2),
        activity AS (SELECT * FROM days JOIN users USING (guild_id, week))
        SELECT coalesce(a.guild_id, m.guild_id) AS guild_id, coalesce(a.week, m.week) AS week,
               coalesce(a.commands, 0) AS commands, coalesce(a.unique_users, 0) AS unique_users,
               coalesce(m.meetings_created, 0) AS meetings_created, coalesce(a.errors, 0) AS errors,
               coalesce(a.active_days, 0) AS active_days
        FROM activity a FULL JOIN meetings m ON m.guild_id = a.guild_id AND m.week = a.week`,
      comment:
        'guild_daily_activity per guild and ISO week, plus active days; the current, incomplete week included. Order: guild_id, week.',
      columns: {
        guild_id: 'Discord guild (server) id',
        week: 'Monday of the ISO week (UTC)',
        commands: 'command.executed events that week, whatever their outcome',
        unique_users: 'distinct userId of those commands over the week',
        meetings_created: 'meetings of this guild created that week',
        errors: 'commands with outcome error',
        active_days: 'distinct days of the week with at least one command',
      },
    },
    {
      name: 'analytics.feature_usage',
      sql: `
        WITH window_rows AS (
          SELECT x.* FROM kd.analytics_guild_day_commands x
          WHERE x.day >= analytics.as_of_day() - 30 AND x.day < analytics.as_of_day()),
        used AS (
          SELECT command, count(DISTINCT guild_id)::int AS guilds, sum(commands)::int AS commands,
                 sum(errors)::int AS errors
          FROM window_rows GROUP BY command),
        names AS (
          SELECT command, true AS user_facing FROM kd.analytics_user_facing_commands
          UNION ALL
          SELECT command, false FROM used
          WHERE command NOT IN (SELECT command FROM kd.analytics_user_facing_commands))
        SELECT n.command, n.user_facing, coalesce(u.guilds, 0) AS guilds,
               coalesce(u.commands, 0) AS commands, coalesce(u.errors, 0) AS errors,
               coalesce(u.guilds, 0)::float8
                 / nullif((SELECT count(DISTINCT guild_id) FROM window_rows), 0) AS guild_share
        FROM names n LEFT JOIN used u USING (command)`,
      comment:
        'Per command over the last 30 complete days (today excluded): how many guilds used it and how often. Every user-facing command has a row (zeros included); other command names appear when used.',
      columns: {
        command: 'slash command name without the slash (e.g. kaltura-start)',
        user_facing:
          'true for the 9 user-facing commands that count as features (feature adoption)',
        guilds: 'distinct guilds (unknown ones included) that ran it in the window',
        commands: 'times it ran in the window, whatever the outcome',
        errors: 'runs with outcome error',
        guild_share:
          'guilds / guilds with any command in the window (0–1); NULL when no guild ran a command',
      },
    },
  ];
}
