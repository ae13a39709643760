import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import type { DomainEvent } from '@kd/events';
import {
  computeMetrics,
  diffSnapshot,
  eventFactory,
  type JsonObject,
  publishRaw,
  readViews,
  snowflake,
} from '@kd/analytics-oracle';
import {
  createTestDatabase,
  createTestStream,
  testLogger,
  type TestDatabase,
  type TestStream,
} from '@kd/testing';
import { catchUp, createDataSource, ProjectionRunner } from '@kd/projections';
import { createAnalyticsProjection } from './analytics.projection.js';

const defaults: JsonObject = {
  notifications: {
    enabled: true,
    types: { meeting_start: true },
    templates: { meeting_start: 'Started: {{title}}' },
    channels: {},
  },
  roles: { mapping: {}, default: 'viewer' },
};
const now = '2026-03-18T12:00:00.000Z'; // a Wednesday: last 7 days = 03-11 … 03-17
const g1 = snowflake(1);
const unknown = snowflake(2);
const early = snowflake(3);
const churn = snowflake(4);
const custom = snowflake(5);
const host = snowflake(6);
const f = eventFactory('r');

const repeated = f.command(g1, '2026-03-11T00:00:00.000Z', { user: snowflake(11) });
const poison = f.joined(host, '2026-03-18T09:00:00.000Z', 'mtg_live', 'bad\u0000id');
/** Stream (recorded) order; the repeat and the late events are where they would arrive. */
const events: DomainEvent[] = [
  f.installed(g1, '2025-12-01T10:00:00.000Z', 10),
  f.command(g1, '2026-03-10T23:59:59.999Z', { user: snowflake(10) }),
  repeated,
  f.command(g1, '2026-03-18T11:00:00.000Z', { user: snowflake(12), outcome: 'error' }),
  f.command(g1, '2026-03-18T12:00:00.001Z', { user: snowflake(13) }),
  f.command(g1, now, { user: snowflake(14), command: 'kaltura-stats' }),
  structuredClone(repeated),
  f.command(unknown, '2026-03-12T08:00:00.000Z', { command: 'kaltura-join' }),
  f.command(early, '2026-02-20T09:00:00.000Z'),
  f.installed(early, '2026-02-24T09:00:00.000Z', null),
  f.command(early, '2026-03-03T09:00:00.000Z'),
  f.installed(churn, '2026-01-05T09:00:00.000Z', 25),
  f.installed(churn, '2026-02-12T09:00:00.000Z', null),
  f.uninstalled(churn, '2026-02-10T09:00:00.000Z'), // recorded late: the reinstall still wins
  f.uninstalled(churn, '2026-04-01T09:00:00.000Z'), // after now: ignored
  f.memberCount(churn, '2026-05-01T09:00:00.000Z', 999), // after now: ignored
  f.installed(custom, '2026-01-10T09:00:00.000Z', 40),
  f.configUpdated(custom, '2026-03-01T10:00:00.000Z', 'roles.mapping.123', 'moderator'),
  f.configUpdated(
    custom,
    '2026-03-01T11:00:00.000Z',
    'notifications.templates.meeting_start',
    'Hi',
  ),
  f.configUpdated(
    custom,
    '2026-03-01T12:00:00.000Z',
    'notifications.templates.meeting_start',
    'Started: {{title}}',
  ),
  f.configReset(custom, '2026-03-01T09:00:00.000Z', 'roles'), // late, and before the update
  f.configUpdated(custom, '2026-03-30T10:00:00.000Z', 'notifications.enabled', false), // future
  f.installed(host, '2026-01-02T09:00:00.000Z', 50),
  f.meetingCreated(host, '2026-03-18T01:00:00.000Z', 'mtg_live', snowflake(20)),
  f.meetingStarted(host, '2026-03-18T01:05:00.000Z', 'mtg_live'),
  f.joined(host, '2026-03-18T01:06:00.000Z', 'mtg_live', 'p1'),
  f.joined(host, '2026-03-18T01:07:00.000Z', 'mtg_live', 'p2'),
  poison,
  f.left(host, '2026-03-18T01:30:00.000Z', 'mtg_live', 'p2'),
  f.joinLink(host, '2026-03-18T01:01:00.000Z', 'mtg_live', snowflake(21)),
  f.meetingCreated(host, '2026-03-17T10:00:00.000Z', 'mtg_stale', snowflake(20)),
  f.meetingStarted(host, '2026-03-17T11:59:59.999Z', 'mtg_stale'), // over 24 h ago: not live
  f.meetingCreated(host, '2026-03-16T10:00:00.000Z', 'mtg_resent', snowflake(22)),
  f.meetingCreated(host, '2026-03-16T09:00:00.000Z', 'mtg_resent', snowflake(23)), // earlier: wins
  f.meetingEnded(host, '2026-03-16T09:30:00.000Z', 'mtg_resent'),
  f.joined(host, '2026-03-16T09:10:00.000Z', 'mtg_orphan', 'p9'), // never created
  f.command(null, '2026-03-12T08:00:00.000Z', { command: 'kaltura-video-search' }), // a DM
  {
    ...f.meetingCreated(host, '2026-03-02T10:00:00.000Z', 'mtg_noguild', snowflake(24)),
    guildId: null,
  },
  { ...f.joinLink(host, '2026-03-02T10:01:00.000Z', 'mtg_noguild', snowflake(25)), guildId: null },
  { ...f.meetingEnded(host, '2026-03-02T11:00:00.000Z', 'mtg_noguild'), guildId: null },
  f.command(g1, '2199-01-01T00:00:00.000Z', { command: 'kaltura-end' }), // far future: ignored
];

describe('analytics rules on a hand-built history', () => {
  let db: TestDatabase;
  let t: TestStream;
  let dataSource: DataSource;
  let runner: ProjectionRunner;
  const logger = testLogger('analytics-rules');
  const at = (instant = now) => readViews(dataSource, instant);

  beforeAll(async () => {
    [db, t] = await Promise.all([createTestDatabase(), createTestStream()]);
    dataSource = createDataSource({ url: db.url, applicationName: 'analytics-rules' });
    await dataSource.initialize();
    runner = new ProjectionRunner(
      createAnalyticsProjection(() => defaults),
      dataSource,
      logger,
    );
    await publishRaw(t, events);
    await catchUp(runner, {
      nats: t,
      stream: t.stream,
      subjectPrefix: t.subjectPrefix,
      logger,
      batchSize: 8,
      maxWaitMs: 50,
      durable: 'proj_analytics_rules',
    });
  });
  afterAll(async () => {
    await dataSource.destroy();
    await Promise.all([db.drop(), t.cleanup()]);
  });

  it('parks an event it cannot store and applies everything after it', async () => {
    const parked = await dataSource.query<{ event_id: string; error_code: string }[]>(
      `SELECT event_id, error_code FROM kd.projection_dead_letters WHERE projection = 'analytics'`,
    );
    expect(parked).toEqual([{ event_id: poison.id, error_code: 'PROJECTION.APPLY_FAILED' }]);
    expect(await runner.checkpoint()).toBe(events.length);
  });

  it('equals the oracle (without the parked event) at now and around the day boundary', async () => {
    const applied = events.filter((e) => e !== poison);
    for (const instant of [now, '2026-03-18T00:00:00.000Z', '2026-03-17T23:59:59.999Z']) {
      const expected = computeMetrics(applied, new Date(instant), defaults);
      expect(diffSnapshot(await at(instant), expected)).toEqual([]);
    }
  });

  it('counts whole UTC days whatever the session time zone', async () => {
    const expected = computeMetrics(
      events.filter((e) => e !== poison),
      new Date(now),
      defaults,
    );
    for (const zone of ['Pacific/Kiritimati', 'America/Los_Angeles'])
      expect(diffSnapshot(await readViews(dataSource, now, zone), expected)).toEqual([]);
  });

  it('counts a repeated event id once and ignores what occurred after now', async () => {
    const days = (await at()).guildDailyActivity.filter((r) => r.guild_id === g1);
    expect(days.map((r) => [r.day, r.commands, r.errors]).sort()).toEqual([
      ['2026-03-10', 1, 0],
      ['2026-03-11', 1, 0],
      ['2026-03-18', 2, 1],
    ]);
    const later = (await at('2026-03-18T12:00:00.001Z')).guildDailyActivity;
    expect(later.find((r) => r.guild_id === g1 && r.day === '2026-03-18')?.commands).toBe(3);
  });

  it('windows whole UTC days before today: 23:59:59.999 of day −8 is out, 00:00 of day −7 in', async () => {
    const { engagementSummary } = await at();
    // Last 7 days: g1 on 03-11 (1 command) and the unknown guild on 03-12 (1).
    expect(engagementSummary.command_usage_rate).toBe(1);
    expect(engagementSummary.feature_adoption).toBeCloseTo(2 / 11, 12);
  });

  it('keeps unknown guilds out of install-based figures and clamps pre-install activity to week 0', async () => {
    const { guilds, retentionSummary, cohortRetention } = await at();
    expect(guilds.find((g) => g.guild_id === unknown)).toMatchObject({
      installed: false,
      install_day: null,
    });
    expect(retentionSummary.installed_guilds).toBe(5);
    expect(cohortRetention.filter((r) => r.cohort_week === '2026-02-23')).toEqual([
      expect.objectContaining({ weeks_since_install: 0, cohort_size: 1, active_guilds: 1 }),
      expect.objectContaining({ weeks_since_install: 1, active_guilds: 1 }),
      expect.objectContaining({ weeks_since_install: 2, active_guilds: 0 }),
    ]);
  });

  it('folds guild state in occurredAt order: a late uninstall, a reinstall without a count', async () => {
    const row = (await at()).guilds.find((g) => g.guild_id === churn);
    expect(row).toMatchObject({ installed: true, member_count: 25, install_day: '2026-01-05' });
    const before = (await at('2026-02-11T00:00:00.000Z')).guilds.find((g) => g.guild_id === churn);
    expect(before).toMatchObject({ installed: false });
  });

  it('counts a value set back to its default as no override, and a late reset where it belongs', async () => {
    const row = (await at()).guilds.find((g) => g.guild_id === custom);
    expect(row).toMatchObject({
      has_override: true,
      has_role_mapping_override: true,
      has_template_override: false,
      has_notification_override: false,
    });
  });

  it('counts live meetings started within 24 hours and the people in them now', async () => {
    const { live, meetings, liveMeetings, liveParticipants, guildCounts } = await at();
    expect(live).toMatchObject({ meetings_live: 1, meeting_participants_live: 1 });
    expect(guildCounts).toEqual({ installed_guilds: 5, uninstalled_guilds: 0, unknown_guilds: 1 });
    expect(liveMeetings).toEqual([
      expect.objectContaining({
        meeting_id: 'mtg_live',
        guild_id: host,
        live_seconds: 11 * 3600 - 5 * 60,
        participants: 3,
        live_participants: 1,
      }),
    ]);
    expect(liveParticipants).toEqual([
      {
        meeting_id: 'mtg_live',
        guild_id: host,
        participant_id: 'p1',
        joined_at: '2026-03-18T01:06:00.000Z',
      },
    ]);
    expect(meetings.map((m) => m.meeting_id).sort()).toEqual([
      'mtg_live',
      'mtg_noguild',
      'mtg_resent',
      'mtg_stale',
    ]);
    expect(meetings.find((m) => m.meeting_id === 'mtg_resent')).toMatchObject({
      owner_user_id: snowflake(23),
      duration_seconds: 1800,
    });
  });

  it('ignores a DM command, and keeps a meeting outside a guild out of the creation rate only', async () => {
    const { meetings, engagementSummary } = await at();
    expect(meetings.find((m) => m.meeting_id === 'mtg_noguild')).toMatchObject({
      guild_id: null,
      participants: 1,
      duration_seconds: 3600,
    });
    // Last 30 days: 'kaltura-list' (g1, early), 'kaltura-join' (unknown); not the DM's video search.
    expect(engagementSummary.feature_adoption).toBeCloseTo(2 / 11, 12);
    // Ended in the last 30 days: mtg_resent (0 participants) and mtg_noguild (1).
    expect(engagementSummary.meeting_join_rate).toBe(0.5);
  });

  it('gives each guild its own figures in analytics.guild_insights', async () => {
    const { insights } = await at();
    expect(insights.find((r) => r.guild_id === g1)).toEqual({
      guild_id: g1,
      installed: true,
      install_day: '2025-12-01',
      member_count: 10,
      commands_7d: 1,
      active_days_7d: 1,
      command_usage_rate: 1,
      unique_users_30d: 2,
      unique_users_share: 0.2,
      meetings_created_4w: 0,
      active_weeks_4w: 1, // 03-10 and 03-11 are one ISO week
      meeting_creation_rate: 0,
      meetings_ended_30d: 0,
      meeting_join_rate: null,
      features_used_30d: 1,
      feature_adoption: 1 / 11,
      commands_30d: 2,
      active_days_30d: 2,
      weekly_active: true,
      command_retained_30d: true,
      server_retained_90d: true,
      last_active_day: '2026-03-18',
      has_override: false,
      has_template_override: false,
      has_role_mapping_override: false,
      has_notification_override: false,
    });
    expect(insights.find((r) => r.guild_id === unknown)).toMatchObject({
      installed: false,
      install_day: null,
      command_retained_30d: null,
      server_retained_90d: null,
      commands_7d: 1,
    });
    expect(insights.find((r) => r.guild_id === early)).toMatchObject({
      install_day: '2026-02-24',
      member_count: null,
      unique_users_share: null,
      command_retained_30d: null,
    });
  });
});
