import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createViews, dropViews, type ViewSpec } from '../projection/view-spec.js';

/**
 * The language dimension (rules: docs/analytics-rules.md §7): each guild command keeps the
 * member's Discord locale (`command.executed` v2; `unknown` for v1 events and clients that send
 * none), and analytics.locale_usage counts commands, members and guilds per UTC day and locale.
 */
export class AnalyticsLocaleUsage1796428800330 implements MigrationInterface {
  name = 'AnalyticsLocaleUsage1796428800330';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE kd.analytics_commands ADD COLUMN locale text NOT NULL DEFAULT 'unknown'`,
    );
    await createViews(q, this.views);
    await q.query(`GRANT SELECT ON analytics.locale_usage TO kd_analytics`);
  }

  async down(q: QueryRunner): Promise<void> {
    await dropViews(q, this.views);
    await q.query(`ALTER TABLE kd.analytics_commands DROP COLUMN locale`);
  }

  private readonly views: ViewSpec[] = [
    {
      name: 'analytics.locale_usage',
      sql: `
        SELECT analytics.utc_day(occurred_at) AS day, locale, count(*)::int AS commands,
               count(DISTINCT user_id)::int AS unique_users,
               count(DISTINCT guild_id)::int AS guilds
        FROM kd.analytics_commands
        WHERE occurred_at <= analytics.as_of()
        GROUP BY 1, 2`,
      comment:
        'One row per UTC day and Discord locale with at least one guild command, all history up to as_of (today included). Sum commands over days for totals; distinct users and guilds do not add up across days or locales. Order: day, locale.',
      columns: {
        day: 'UTC day (of occurred_at)',
        locale:
          "the member's Discord client locale as the interaction sent it (en-US, en-GB, de, es-419, ja, …); unknown for command.executed v1 and interactions without one",
        commands:
          'command.executed events of guilds that day in that locale, whatever their outcome',
        unique_users: 'distinct userId of those commands',
        guilds: 'distinct guilds of those commands',
      },
    },
  ];
}
