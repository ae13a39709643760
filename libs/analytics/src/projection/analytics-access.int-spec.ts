import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource, QueryRunner } from 'typeorm';
import { userFacingCommands } from '../features.js';
import { createTestDatabase, type TestDatabase } from '@kd/testing';
import { createDataSource } from '@kd/projections';
import { AnalyticsRole1763884800304 } from '../migrations/1763884800304-analytics-role.js';
import { setAnalyticsPassword } from './analytics-role.js';

/** DESIGN §4's stable views and columns, plus the views this read model adds. */
const contract: Record<string, string[]> = {
  engagement_summary: [
    'command_usage_rate',
    'unique_users_mean',
    'unique_users_median',
    'meeting_creation_rate',
    'meeting_join_rate',
    'feature_adoption',
    'feature_adoption_per_guild_mean',
  ],
  retention_summary: [
    'installed_guilds',
    'weekly_active_servers',
    'command_retention_30d',
    'meeting_retention',
    'server_retention_90d',
  ],
  customization_summary: [
    'configuration_rate',
    'template_customization_rate',
    'role_mapping_customization_rate',
    'notification_customization_rate',
  ],
  guild_daily_activity: [
    'guild_id',
    'day',
    'commands',
    'unique_users',
    'meetings_created',
    'errors',
  ],
  cohort_retention: [
    'cohort_week',
    'weeks_since_install',
    'cohort_size',
    'active_guilds',
    'active_share',
    'active_guilds_on_or_after',
    'active_share_on_or_after',
  ],
  guild_lifecycle: ['week', 'new', 'returning', 'resurrecting', 'dormant', 'active'],
  guild_weekly_activity: ['guild_id', 'week', 'active_days'],
  stickiness: ['window_days', 'guilds', 'active_days_mean', 'active_days_median', 'dau_mau'],
  guild_stickiness: ['guild_id', 'active_days'],
  guilds: ['guild_id', 'install_day', 'installed', 'member_count', 'has_override'],
  feature_usage: ['command', 'user_facing', 'guilds', 'commands'],
  live_summary: ['installed_guilds', 'meetings_live', 'meeting_participants_live'],
  installed_guilds: ['installed_guilds', 'uninstalled_guilds', 'unknown_guilds'],
  live_meetings: ['meeting_id', 'guild_id', 'started_at', 'participants', 'live_participants'],
  live_participants: ['meeting_id', 'guild_id', 'participant_id', 'joined_at'],
  guild_insights: [
    'guild_id',
    'installed',
    'command_usage_rate',
    'unique_users_share',
    'meeting_creation_rate',
    'meeting_join_rate',
    'feature_adoption',
    'weekly_active',
    'command_retained_30d',
    'server_retained_90d',
    'has_override',
  ],
  meetings_as_of: ['meeting_id', 'guild_id', 'type', 'created_at', 'duration_seconds'],
  clock: ['as_of', 'today', 'current_week'],
  scheduled_meetings: [
    'meeting_id',
    'guild_id',
    'scheduled_start',
    'duration_minutes',
    'rsvps',
    'attendees',
    'rsvp_attendance_rate',
    'canceled',
  ],
};
const views = Object.keys(contract).map((v) => `analytics.${v}`);

describe('analytics schema: contract, comments and the read-only kd_analytics role', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = createDataSource({ url: db.url, applicationName: 'analytics-access' });
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource.destroy();
    await db.drop();
  });

  /** Runs `fn` on one connection as kd_analytics (what Grafana and analysts log in as). */
  const asAnalyst = async <T>(fn: (q: QueryRunner) => Promise<T>): Promise<T> => {
    const q = dataSource.createQueryRunner();
    await q.connect();
    try {
      await q.query(`SET ROLE kd_analytics`);
      return await fn(q);
    } finally {
      await q.query(`RESET ROLE`);
      await q.release();
    }
  };
  const withRunner = async (fn: (q: QueryRunner) => Promise<void>) => {
    const q = dataSource.createQueryRunner();
    await q.connect();
    await fn(q).finally(() => q.release());
  };

  it('has every contract column, and a comment on every view and column', async () => {
    const columns = await dataSource.query<
      { view: string; column_name: string; comment: string | null; view_comment: string | null }[]
    >(
      `SELECT c.table_name AS view, c.column_name,
              col_description(format('analytics.%I', c.table_name)::regclass, c.ordinal_position) AS comment,
              obj_description(format('analytics.%I', c.table_name)::regclass) AS view_comment
       FROM information_schema.columns c
       WHERE c.table_schema = 'analytics' AND c.table_name = ANY($1::text[])`,
      [Object.keys(contract)],
    );
    for (const [view, wanted] of Object.entries(contract)) {
      const names = columns.filter((c) => c.view === view).map((c) => c.column_name);
      expect({ view, missing: wanted.filter((w) => !names.includes(w)) }).toEqual({
        view,
        missing: [],
      });
    }
    expect(columns.filter((c) => !c.comment || !c.view_comment)).toEqual([]);
  });

  it('comments every view, column and function of schema analytics, not only the contract', async () => {
    const uncommented = await dataSource.query(
      `SELECT c.relname, a.attname FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'analytics'
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
       WHERE obj_description(c.oid, 'pg_class') IS NULL OR col_description(c.oid, a.attnum) IS NULL
       UNION ALL
       SELECT p.proname, NULL FROM pg_proc p
       JOIN pg_namespace n ON n.oid = p.pronamespace AND n.nspname = 'analytics'
       WHERE obj_description(p.oid, 'pg_proc') IS NULL`,
    );
    expect(uncommented).toEqual([]);
  });

  it('counts as features exactly the commands we register (the migration froze that list)', async () => {
    const rows = await dataSource.query<{ command: string }[]>(
      `SELECT command FROM kd.analytics_user_facing_commands ORDER BY command`,
    );
    // A new command needs a migration adding it here, or feature adoption would miss it in SQL.
    expect(rows.map((r) => r.command)).toEqual([...userFacingCommands].sort());
  });

  it('lets kd_analytics read the views (they run with their owner rights) but not schema kd', async () => {
    await asAnalyst(async (q) => {
      for (const view of [...views, 'analytics.event_log'])
        await expect(q.query(`SELECT * FROM ${view} LIMIT 1`)).resolves.toBeDefined();
      await expect(q.query(`SELECT * FROM kd.event_log LIMIT 1`)).rejects.toThrow(
        /permission denied/,
      );
      await expect(q.query(`SELECT * FROM kd.analytics_commands LIMIT 1`)).rejects.toThrow(
        /permission denied/,
      );
      await expect(q.query(`DELETE FROM kd.analytics_guilds`)).rejects.toThrow(/permission denied/);
    });
  });

  it('lets an analyst look back with SET kd.now, and RESET returns to now()', async () => {
    const clock = await asAnalyst(async (q) => {
      await q.query(`SET kd.now = '2026-03-16T00:00:00Z'`);
      const [past] = await q.query(
        `SELECT as_of, today::text, current_week::text FROM analytics.clock`,
      );
      await q.query(`RESET kd.now`);
      const [current] = await q.query(`SELECT as_of = now() AS is_now FROM analytics.clock`);
      return { past, current };
    });
    expect(clock).toEqual({
      past: {
        as_of: new Date('2026-03-16T00:00:00Z'),
        today: '2026-03-16',
        current_week: '2026-03-16',
      },
      current: { is_now: true },
    });
  });

  it('creates the role idempotently, and its down migration revokes without dropping it', async () => {
    const migration = new AnalyticsRole1763884800304();
    await withRunner((q) => migration.up(q));
    await withRunner((q) => migration.down(q));
    await asAnalyst(async (q) => {
      await expect(q.query(`SELECT * FROM analytics.guilds`)).rejects.toThrow(/permission denied/);
    });
    const roles = await dataSource.query(`SELECT 1 FROM pg_roles WHERE rolname = 'kd_analytics'`);
    expect(roles).toHaveLength(1);
    await withRunner((q) => migration.up(q));
    await asAnalyst(async (q) => {
      await expect(q.query(`SELECT * FROM analytics.guilds`)).resolves.toEqual([]);
    });
  });

  it('sets the login password of kd_analytics, quotes and all (npm run migrations:run)', async () => {
    const verifier = async () =>
      (
        await dataSource.query<{ scram: boolean | null }[]>(
          `SELECT rolpassword LIKE 'SCRAM-SHA-256$%' AS scram FROM pg_authid WHERE rolname = 'kd_analytics'`,
        )
      )[0]?.scram;
    try {
      await setAnalyticsPassword(dataSource, `it's a long 'password'; DROP ROLE x`);
      expect(await verifier()).toBe(true);
    } finally {
      await dataSource.query(`ALTER ROLE kd_analytics PASSWORD NULL`);
    }
    expect(await verifier()).toBeNull();
  });
});
