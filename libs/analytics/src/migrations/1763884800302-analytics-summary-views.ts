import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createViews, dropViews, type ViewSpec } from '../projection/view-spec.js';

/** The one-row summaries of DESIGN §4 (rules: docs/analytics-rules.md §6), as of analytics.as_of(). */
export class AnalyticsSummaryViews1763884800302 implements MigrationInterface {
  name = 'AnalyticsSummaryViews1763884800302';

  async up(q: QueryRunner): Promise<void> {
    await createViews(q, this.views);
  }

  async down(q: QueryRunner): Promise<void> {
    await dropViews(q, this.views);
  }

  private readonly views: ViewSpec[] = [
    {
      name: 'analytics.engagement_summary',
      sql: `
        WITH clock AS (SELECT analytics.as_of_day() AS today, analytics.as_of_week() AS week),
        features AS (SELECT count(*)::float8 AS n FROM kd.analytics_user_facing_commands),
        installed AS (SELECT guild_id, member_count FROM analytics.guilds WHERE installed),
        commands30 AS MATERIALIZED (
          SELECT DISTINCT x.guild_id, x.command FROM kd.analytics_guild_day_commands x, clock c
          WHERE x.day >= c.today - 30 AND x.day < c.today),
        users30 AS (
          SELECT guild_id, count(*) AS users FROM (
            SELECT DISTINCT u.guild_id, u.user_id FROM kd.analytics_guild_day_users u, clock c
            WHERE u.day >= c.today - 30 AND u.day < c.today) d
          GROUP BY guild_id),
        user_shares AS (
          SELECT least(1, coalesce(u.users, 0)::numeric / i.member_count) AS share
          FROM installed i LEFT JOIN users30 u USING (guild_id) WHERE i.member_count > 0),
        guild_features AS (
          SELECT x.guild_id, count(f.command) AS used
          FROM commands30 x LEFT JOIN kd.analytics_user_facing_commands f USING (command)
          GROUP BY x.guild_id),
        ended30 AS (
          SELECT m.meeting_id FROM kd.analytics_meetings m, clock c
          WHERE m.created_at <= analytics.as_of() AND m.ended_at >= analytics.utc_start(c.today - 30)
            AND m.ended_at < analytics.utc_start(c.today))
        SELECT
          (SELECT sum(d.commands)::float8 / nullif(count(*), 0)
           FROM kd.analytics_guild_days d, clock c
           WHERE d.day >= c.today - 7 AND d.day < c.today) AS command_usage_rate,
          (SELECT avg(share)::float8 FROM user_shares) AS unique_users_mean,
          (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY share::float8) FROM user_shares)
            AS unique_users_median,
          (SELECT (SELECT count(*) FROM kd.analytics_meetings m
                   WHERE m.guild_id IS NOT NULL AND m.created_at <= analytics.as_of()
                     AND m.created_at >= analytics.utc_start(c.week - 28)
                     AND m.created_at < analytics.utc_start(c.week))::float8
                  / nullif((SELECT count(*) FROM (
                              SELECT DISTINCT d.guild_id, analytics.iso_week(d.day)
                              FROM kd.analytics_guild_days d
                              WHERE d.day >= c.week - 28 AND d.day < c.week) w), 0)
           FROM clock c) AS meeting_creation_rate,
          (SELECT avg(coalesce(p.n, 0)::float8)
           FROM ended30 e LEFT JOIN (
             SELECT p.meeting_id, count(*) AS n FROM kd.analytics_meeting_participants p
             JOIN ended30 USING (meeting_id) WHERE p.first_seen_at <= analytics.as_of()
             GROUP BY p.meeting_id) p USING (meeting_id)) AS meeting_join_rate,
          (SELECT count(DISTINCT x.command) / (SELECT n FROM features)
           FROM commands30 x JOIN kd.analytics_user_facing_commands USING (command)) AS feature_adoption,
          (SELECT avg(g.used)::float8 / (SELECT n FROM features)
           FROM installed i JOIN guild_features g USING (guild_id)) AS feature_adoption_per_guild_mean`,
      comment:
        'Engagement metrics of DESIGN §4 in one row, as of analytics.as_of() (rules: docs/analytics-rules.md §6). "Last N days" = the N complete UTC days before today.',
      columns: {
        command_usage_rate:
          'commands / active guild-days over the last 7 days (an active guild-day: a guild with ≥1 command that day); NULL without commands',
        unique_users_mean:
          'over installed guilds with a known member count > 0: mean of min(1, distinct command users in the last 30 days / member count)',
        unique_users_median: 'median (percentile_cont 0.5) of the same per-guild shares',
        meeting_creation_rate:
          'meetings created in a guild / active guild-weeks (guilds with ≥1 command that ISO week), over the last 4 complete ISO weeks',
        meeting_join_rate:
          'mean distinct participants per meeting, over meetings whose meeting.ended falls in the last 30 days',
        feature_adoption:
          'share (0–1) of the 9 user-facing commands run by at least one guild in the last 30 days',
        feature_adoption_per_guild_mean:
          'over installed guilds with ≥1 command in the last 30 days: mean share of the 9 user-facing commands they ran',
      },
    },
    {
      name: 'analytics.retention_summary',
      sql: `
        WITH clock AS (SELECT analytics.as_of_day() AS today),
        g AS (SELECT guild_id, installed, install_day FROM analytics.guilds),
        active7 AS (
          SELECT DISTINCT d.guild_id FROM kd.analytics_guild_days d, clock c
          WHERE d.day >= c.today - 7 AND d.day < c.today),
        active30 AS (
          SELECT DISTINCT d.guild_id FROM kd.analytics_guild_days d, clock c
          WHERE d.day >= c.today - 30 AND d.day < c.today),
        active_today AS (
          SELECT DISTINCT x.guild_id FROM kd.analytics_commands x, clock c
          WHERE x.occurred_at >= analytics.utc_start(c.today) AND x.occurred_at <= analytics.as_of()),
        owners AS (
          SELECT owner_user_id, count(*) AS meetings FROM kd.analytics_meetings
          WHERE created_at <= analytics.as_of() GROUP BY owner_user_id)
        SELECT
          (SELECT count(*)::int FROM g WHERE installed) AS installed_guilds,
          (SELECT count(a.guild_id)::float8 / nullif(count(*), 0)
           FROM g LEFT JOIN active7 a USING (guild_id) WHERE g.installed) AS weekly_active_servers,
          (SELECT count(*) FILTER (
                    WHERE g.guild_id IN (SELECT guild_id FROM active_today)
                       OR EXISTS (SELECT 1 FROM kd.analytics_guild_days d
                                  WHERE d.guild_id = g.guild_id AND d.day >= g.install_day + 30
                                    AND d.day < c.today))::float8
                  / nullif(count(*), 0)
           FROM g, clock c WHERE g.install_day <= c.today - 30) AS command_retention_30d,
          (SELECT count(*) FILTER (WHERE meetings >= 2)::float8 / nullif(count(*), 0) FROM owners)
            AS meeting_retention,
          (SELECT count(*) FILTER (WHERE g.installed AND a.guild_id IS NOT NULL)::float8
                  / nullif(count(*), 0)
           FROM g LEFT JOIN active30 a USING (guild_id), clock c
           WHERE g.install_day <= c.today - 90) AS server_retention_90d`,
      comment:
        'Retention metrics of DESIGN §4 in one row, as of analytics.as_of() (rules: docs/analytics-rules.md §6).',
      columns: {
        installed_guilds: 'guilds installed at as_of (latest install/uninstall is an install)',
        weekly_active_servers:
          'installed guilds with ≥1 command in the last 7 days / installed guilds',
        command_retention_30d:
          'guilds whose install day is ≥ 30 days before today (installed now or not) with ≥1 command on or after install day + 30 (up to as_of) / those guilds',
        meeting_retention:
          'meeting owners with ≥2 meetings created / owners with ≥1, all time up to as_of',
        server_retention_90d:
          'guilds whose install day is ≥ 90 days before today that are installed now and ran ≥1 command in the last 30 days / guilds whose install day is ≥ 90 days before today',
      },
    },
    {
      name: 'analytics.customization_summary',
      sql: `
        SELECT count(*) FILTER (WHERE has_override)::float8 / nullif(count(*), 0) AS configuration_rate,
               count(*) FILTER (WHERE has_template_override)::float8 / nullif(count(*), 0)
                 AS template_customization_rate,
               count(*) FILTER (WHERE has_role_mapping_override)::float8 / nullif(count(*), 0)
                 AS role_mapping_customization_rate,
               count(*) FILTER (WHERE has_notification_override)::float8 / nullif(count(*), 0)
                 AS notification_customization_rate
        FROM analytics.guilds WHERE installed`,
      comment:
        'Customization metrics of DESIGN §4 in one row: shares of installed guilds whose effective configuration differs from config/default_config.json (rules: docs/analytics-rules.md §3).',
      columns: {
        configuration_rate: 'installed guilds with any override / installed guilds',
        template_customization_rate:
          'installed guilds with a custom message template (notifications.templates.*) / installed guilds',
        role_mapping_customization_rate:
          'installed guilds with a custom role mapping (roles.mapping.*) / installed guilds',
        notification_customization_rate:
          'installed guilds with custom notification settings (notifications.enabled, notifications.types.*, notifications.channels.*) / installed guilds',
      },
    },
    {
      name: 'analytics.guild_stickiness',
      sql: `
        SELECT g.guild_id, count(*)::int AS active_days
        FROM analytics.guilds g
        JOIN kd.analytics_guild_days d ON d.guild_id = g.guild_id
        WHERE g.installed AND d.day >= analytics.as_of_day() - 30 AND d.day < analytics.as_of_day()
        GROUP BY g.guild_id`,
      comment:
        'Per installed guild with ≥1 command in the last 30 days: its active days in that window (the rows behind analytics.stickiness). Order: guild_id.',
      columns: {
        guild_id: 'Discord guild (server) id',
        active_days: 'distinct days with ≥1 command among the last 30 complete days (1–30)',
      },
    },
    {
      name: 'analytics.stickiness',
      sql: `
        SELECT 30 AS window_days, count(*)::int AS guilds,
               avg(active_days::float8) AS active_days_mean,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY active_days) AS active_days_median,
               avg(active_days::float8) / 30 AS dau_mau
        FROM analytics.guild_stickiness`,
      comment:
        'Stickiness in one row: active days per installed guild over the last 30 complete days, among guilds with ≥1 command in them.',
      columns: {
        window_days: 'length of the window in days (30)',
        guilds: 'installed guilds with ≥1 command in the window',
        active_days_mean: 'mean active days per such guild; NULL when there is none',
        active_days_median: 'median (percentile_cont 0.5) active days',
        dau_mau:
          'active_days_mean / 30: average daily active guilds over monthly active guilds (0–1)',
      },
    },
    {
      name: 'analytics.live_summary',
      sql: `
        SELECT (SELECT installed_guilds FROM analytics.installed_guilds) AS installed_guilds,
               (SELECT count(*)::int FROM analytics.live_meetings) AS meetings_live,
               (SELECT count(*)::int FROM analytics.live_participants) AS meeting_participants_live`,
      comment:
        'Live gauges in one row, as of analytics.as_of(): installed guilds, meetings in progress and people in them (docs/analytics-rules.md §4; kd_installed_guilds, kd_meetings_live, kd_meeting_participants_live).',
      columns: {
        installed_guilds: 'guilds installed at as_of (analytics.installed_guilds)',
        meetings_live:
          'meetings started, not ended, and started less than 24 hours before as_of (rows of analytics.live_meetings)',
        meeting_participants_live:
          'people in live meetings: latest participant event a join (rows of analytics.live_participants)',
      },
    },
    {
      name: 'analytics.guild_insights',
      sql: `
        WITH clock AS (
          SELECT analytics.as_of_day() AS today, analytics.as_of_week() AS week,
                 (SELECT count(*) FROM kd.analytics_user_facing_commands)::float8 AS features),
        active_today AS MATERIALIZED (
          SELECT DISTINCT x.guild_id FROM kd.analytics_commands x
          WHERE x.occurred_at >= analytics.utc_start(analytics.as_of_day())
            AND x.occurred_at <= analytics.as_of())
        SELECT g.guild_id, g.installed, g.install_day, g.member_count,
               d.commands_7d, d.active_days_7d,
               d.commands_7d::float8 / nullif(d.active_days_7d, 0) AS command_usage_rate,
               u.unique_users_30d,
               CASE WHEN g.member_count > 0
                    THEN least(1, u.unique_users_30d::float8 / g.member_count) END AS unique_users_share,
               m.meetings_created_4w, w.active_weeks_4w,
               m.meetings_created_4w::float8 / nullif(w.active_weeks_4w, 0) AS meeting_creation_rate,
               e.meetings_ended_30d, e.meeting_join_rate,
               f.features_used_30d, f.features_used_30d / c.features AS feature_adoption,
               d.commands_30d, d.active_days_30d, d.active_days_7d > 0 AS weekly_active,
               CASE WHEN g.install_day <= c.today - 30 THEN t.guild_id IS NOT NULL OR EXISTS (
                 SELECT 1 FROM kd.analytics_guild_days x
                 WHERE x.guild_id = g.guild_id AND x.day >= g.install_day + 30 AND x.day < c.today) END
                 AS command_retained_30d,
               CASE WHEN g.install_day <= c.today - 90 THEN g.installed AND d.active_days_30d > 0 END
                 AS server_retained_90d,
               CASE WHEN t.guild_id IS NOT NULL THEN c.today ELSE (
                 SELECT max(x.day) FROM kd.analytics_guild_days x
                 WHERE x.guild_id = g.guild_id AND x.day < c.today) END AS last_active_day,
               g.has_override, g.has_template_override, g.has_role_mapping_override,
               g.has_notification_override
        FROM analytics.guilds g
        CROSS JOIN clock c
        CROSS JOIN LATERAL (
          SELECT coalesce(sum(x.commands) FILTER (WHERE x.day >= c.today - 7), 0)::int AS commands_7d,
                 count(*) FILTER (WHERE x.day >= c.today - 7)::int AS active_days_7d,
                 coalesce(sum(x.commands), 0)::int AS commands_30d, count(*)::int AS active_days_30d
          FROM kd.analytics_guild_days x
          WHERE x.guild_id = g.guild_id AND x.day >= c.today - 30 AND x.day < c.today) d
        CROSS JOIN LATERAL (
          SELECT count(DISTINCT x.user_id)::int AS unique_users_30d
          FROM kd.analytics_guild_day_users x
          WHERE x.guild_id = g.guild_id AND x.day >= c.today - 30 AND x.day < c.today) u
        CROSS JOIN LATERAL (
          SELECT count(DISTINCT x.command)::int AS features_used_30d
          FROM kd.analytics_guild_day_commands x
          JOIN kd.analytics_user_facing_commands USING (command)
          WHERE x.guild_id = g.guild_id AND x.day >= c.today - 30 AND x.day < c.today) f
        CROSS JOIN LATERAL (
          SELECT count(DISTINCT analytics.iso_week(x.day))::int AS active_weeks_4w
          FROM kd.analytics_guild_days x
          WHERE x.guild_id = g.guild_id AND x.day >= c.week - 28 AND x.day < c.week) w
        CROSS JOIN LATERAL (
          SELECT count(*)::int AS meetings_created_4w FROM kd.analytics_meetings x
          WHERE x.guild_id = g.guild_id AND x.created_at >= analytics.utc_start(c.week - 28)
            AND x.created_at < analytics.utc_start(c.week)) m
        CROSS JOIN LATERAL (
          SELECT count(*)::int AS meetings_ended_30d,
                 avg((SELECT count(*) FROM kd.analytics_meeting_participants p
                      WHERE p.meeting_id = x.meeting_id AND p.first_seen_at <= analytics.as_of()))::float8
                   AS meeting_join_rate
          FROM kd.analytics_meetings x
          WHERE x.guild_id = g.guild_id AND x.created_at <= analytics.as_of()
            AND x.ended_at >= analytics.utc_start(c.today - 30)
            AND x.ended_at < analytics.utc_start(c.today)) e
        LEFT JOIN active_today t ON t.guild_id = g.guild_id`,
      comment:
        "One row per guild seen up to as_of (as analytics.guilds): the guild's own engagement, retention and customization figures, for /kaltura-stats and GET /api/v1/guilds/{id}/insights. Windows as in the summaries (last N complete UTC days, last 4 complete ISO weeks). Order: guild_id.",
      columns: {
        guild_id: 'Discord guild (server) id',
        installed: 'installed at as_of',
        install_day: 'UTC day of its first guild.installed; NULL if never installed',
        member_count: 'latest known member count; NULL if never known',
        commands_7d: 'commands in the last 7 days, whatever their outcome',
        active_days_7d: 'days with ≥1 command among the last 7 (0–7)',
        command_usage_rate: 'commands_7d / active_days_7d; NULL without commands',
        unique_users_30d: 'distinct command users in the last 30 days',
        unique_users_share:
          'min(1, unique_users_30d / member_count); NULL when the member count is unknown or 0',
        meetings_created_4w: 'meetings of this guild created in the last 4 complete ISO weeks',
        active_weeks_4w: 'weeks with ≥1 command among the last 4 complete ISO weeks (0–4)',
        meeting_creation_rate: 'meetings_created_4w / active_weeks_4w; NULL without an active week',
        meetings_ended_30d: 'meetings of this guild whose meeting.ended falls in the last 30 days',
        meeting_join_rate: 'mean distinct participants over those meetings; NULL when none ended',
        features_used_30d: 'distinct user-facing commands run in the last 30 days (0–9)',
        feature_adoption: 'features_used_30d / 9 (0–1)',
        commands_30d: 'commands in the last 30 days',
        active_days_30d: 'days with ≥1 command among the last 30 (stickiness, 0–30)',
        weekly_active: 'true with ≥1 command in the last 7 days (weekly active server)',
        command_retained_30d:
          'for a guild installed ≥ 30 days before today: whether it ran a command on or after install day + 30 (up to as_of); NULL otherwise',
        server_retained_90d:
          'for a guild installed ≥ 90 days before today: installed now and ≥1 command in the last 30 days; NULL otherwise',
        last_active_day: 'latest UTC day with a command up to as_of (today included); NULL if none',
        has_override: 'any effective setting differs from config/default_config.json',
        has_template_override: 'a custom message template (notifications.templates.*)',
        has_role_mapping_override: 'a custom role mapping (roles.mapping.*)',
        has_notification_override:
          'custom notification settings (notifications.enabled, .types.*, .channels.*)',
      },
    },
  ];
}
