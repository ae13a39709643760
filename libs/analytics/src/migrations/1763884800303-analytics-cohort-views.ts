import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createViews, dropViews, type ViewSpec } from '../projection/view-spec.js';

/**
 * Week-based views (docs/analytics-rules.md §7): a guild is active in an ISO week with ≥1 command
 * in it, counting complete weeks only (before the current one).
 */
export class AnalyticsCohortViews1763884800303 implements MigrationInterface {
  name = 'AnalyticsCohortViews1763884800303';

  async up(q: QueryRunner): Promise<void> {
    await q.query(this.activeWeeks);
    await createViews(q, this.views);
  }

  async down(q: QueryRunner): Promise<void> {
    await dropViews(q, this.views);
    await q.query(`DROP VIEW kd.analytics_active_weeks_as_of`);
  }

  private readonly activeWeeks = `
    CREATE VIEW kd.analytics_active_weeks_as_of AS
    SELECT DISTINCT guild_id, analytics.iso_week(day) AS week
    FROM kd.analytics_guild_days WHERE day < analytics.as_of_week()`;

  private readonly views: ViewSpec[] = [
    {
      name: 'analytics.cohort_retention',
      sql: `
        WITH members AS (
          SELECT guild_id, analytics.iso_week(analytics.utc_day(first_installed_at)) AS cohort_week
          FROM kd.analytics_guilds
          WHERE first_installed_at <= analytics.as_of()
            AND analytics.iso_week(analytics.utc_day(first_installed_at)) < analytics.as_of_week()),
        offsets AS (
          SELECT m.guild_id, m.cohort_week, greatest(0, (a.week - m.cohort_week) / 7) AS k
          FROM members m JOIN kd.analytics_active_weeks_as_of a USING (guild_id)),
        exactly AS (
          SELECT cohort_week, k, count(DISTINCT guild_id) AS guilds FROM offsets GROUP BY 1, 2),
        last_offsets AS (
          SELECT cohort_week, max(k) AS last_k FROM offsets GROUP BY guild_id, cohort_week),
        grid AS (
          SELECT cohort_week, count(*) AS size,
                 generate_series(0, (analytics.as_of_week() - cohort_week) / 7 - 1) AS k
          FROM members GROUP BY cohort_week)
        SELECT g.cohort_week, g.k AS weeks_since_install, g.size::int AS cohort_size,
               coalesce(e.guilds, 0)::int AS active_guilds,
               coalesce(e.guilds, 0)::float8 / g.size AS active_share,
               o.guilds::int AS active_guilds_on_or_after,
               o.guilds::float8 / g.size AS active_share_on_or_after
        FROM grid g
        LEFT JOIN exactly e ON e.cohort_week = g.cohort_week AND e.k = g.k
        CROSS JOIN LATERAL (
          SELECT count(*) AS guilds FROM last_offsets l
          WHERE l.cohort_week = g.cohort_week AND l.last_k >= g.k) o`,
      comment:
        'Weekly install-cohort retention: for each cohort (ISO week of the install day) and each complete week since, the share of the cohort active (≥1 command) exactly that week and in that week or any later one. Activity before the install counts in week 0. Order: cohort_week, weeks_since_install.',
      columns: {
        cohort_week:
          'Monday of the ISO week of the install day (first guild.installed); cohorts of the current week have no rows yet',
        weeks_since_install:
          'k = 0, 1, … calendar ISO weeks after the cohort week, up to the last complete week',
        cohort_size: 'guilds of the cohort, uninstalled ones included',
        active_guilds: 'guilds of the cohort with ≥1 command in week k exactly',
        active_share: 'active_guilds / cohort_size (0–1)',
        active_guilds_on_or_after:
          'guilds of the cohort with ≥1 command in week k or any later complete week ("unbounded" retention)',
        active_share_on_or_after: 'active_guilds_on_or_after / cohort_size (0–1)',
      },
    },
    {
      name: 'analytics.guild_lifecycle',
      sql: `
        WITH marked AS (
          SELECT guild_id, week, lag(week) OVER w AS previous, lead(week) OVER w AS next
          FROM kd.analytics_active_weeks_as_of
          WINDOW w AS (PARTITION BY guild_id ORDER BY week)),
        phases AS (
          SELECT week, CASE WHEN previous IS NULL THEN 'new'
                            WHEN previous = week - 7 THEN 'returning'
                            ELSE 'resurrecting' END AS phase
          FROM marked
          UNION ALL
          SELECT week + 7, 'dormant' FROM marked
          WHERE (next IS NULL OR next > week + 7) AND week + 7 < analytics.as_of_week()),
        weeks AS (
          SELECT generate_series(min(week)::timestamp, (analytics.as_of_week() - 7)::timestamp,
                                 interval '7 days')::date AS week
          FROM kd.analytics_active_weeks_as_of)
        SELECT w.week,
               count(p.phase) FILTER (WHERE p.phase = 'new')::int AS "new",
               count(p.phase) FILTER (WHERE p.phase = 'returning')::int AS "returning",
               count(p.phase) FILTER (WHERE p.phase = 'resurrecting')::int AS resurrecting,
               count(p.phase) FILTER (WHERE p.phase = 'dormant')::int AS dormant,
               count(p.phase) FILTER (WHERE p.phase <> 'dormant')::int AS active
        FROM weeks w LEFT JOIN phases p USING (week)
        GROUP BY w.week`,
      comment:
        'Guild lifecycle per complete ISO week, from the first week any guild was active (≥1 command; unknown guilds included, install state ignored). Order: week.',
      columns: {
        week: 'Monday of the ISO week',
        new: 'guilds active this week for the first time',
        returning: 'guilds active this week and the week before',
        resurrecting: 'guilds active this week, not the week before, but in some earlier week',
        dormant:
          'guilds active the week before but not this week (counted once, the week after their last active week)',
        active: 'new + returning + resurrecting',
      },
    },
  ];
}
