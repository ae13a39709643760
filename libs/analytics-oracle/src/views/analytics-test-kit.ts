import type { DataSource } from 'typeorm';
import type { DomainEvent } from '@kd/events';
import { subjectOf } from '@kd/event-store';
import type { MetricsSnapshot } from '@kd/analytics';
import type { TestStream } from '@kd/testing';
import {
  expectedGuildCounts,
  expectedInsights,
  expectedLiveMeetings,
  mean,
  median,
} from './oracle-derived.js';

/*
 * Helpers of the analytics int-specs (not part of the projection): publish a history as it was
 * recorded, and read every analytics view back in the oracle's MetricsSnapshot shape.
 */

const encoder = new TextEncoder();

/**
 * Appends events to a test stream in order, as recorded: plain (core) publishes on one
 * connection, which keep their order and carry no Nats-Msg-Id, so repeated ids reach the stream
 * as they would after the duplicate window. Core publishes are five times faster than awaiting
 * an ack each; a chunk at a time is published, then the stream must hold all of them before the
 * next (nothing can be lost silently). Returns the stream's last sequence.
 */
export async function publishRaw(
  stream: Pick<TestStream, 'nc' | 'jsm' | 'stream' | 'subjectPrefix'>,
  events: readonly DomainEvent[],
  chunk = 5_000,
): Promise<number> {
  const { seq: start } = await lastSeq(stream);
  for (let i = 0; i < events.length; i += chunk) {
    const slice = events.slice(i, i + chunk);
    for (const e of slice)
      stream.nc.publish(subjectOf(stream.subjectPrefix, e), encoder.encode(JSON.stringify(e)));
    await stream.nc.flush();
    await waitForSeq(stream, start + i + slice.length);
  }
  return (await lastSeq(stream)).seq;
}

async function lastSeq(stream: Pick<TestStream, 'jsm' | 'stream'>) {
  const { state } = await stream.jsm.streams.info(stream.stream);
  return { seq: state.last_seq, messages: state.messages };
}

async function waitForSeq(stream: Pick<TestStream, 'jsm' | 'stream'>, seq: number) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const last = await lastSeq(stream);
    if (last.seq >= seq) return;
    if (Date.now() > deadline)
      throw new Error(`stream ${stream.stream} stopped at ${last.seq}, expected ${seq}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The event id stored at stream sequence `seq`. */
export async function idAt(
  stream: Pick<TestStream, 'jsm' | 'stream'>,
  seq: number,
): Promise<string> {
  const message = await stream.jsm.streams.getMessage(stream.stream, { seq });
  return (message?.json<DomainEvent>() ?? { id: '' }).id;
}

type Row = Record<string, unknown>;
export type ViewSnapshot = Omit<MetricsSnapshot, 'now'> & {
  now: string;
  featureUsage: Row[];
  guildCounts: Row;
  liveMeetings: Row[];
  liveParticipants: Row[];
  insights: Row[];
};

const queries = {
  clock: `SELECT as_of, today::text, current_week::text FROM analytics.clock`,
  engagement: `SELECT * FROM analytics.engagement_summary`,
  retention: `SELECT * FROM analytics.retention_summary`,
  customization: `SELECT * FROM analytics.customization_summary`,
  daily: `SELECT guild_id, day::text, commands, unique_users, meetings_created, errors
          FROM analytics.guild_daily_activity`,
  weekly: `SELECT guild_id, week::text, commands, unique_users, meetings_created, errors, active_days
           FROM analytics.guild_weekly_activity`,
  cohorts: `SELECT cohort_week::text, weeks_since_install, cohort_size, active_guilds, active_share,
                   active_guilds_on_or_after, active_share_on_or_after
            FROM analytics.cohort_retention`,
  lifecycle: `SELECT week::text, "new", "returning", resurrecting, dormant, active
              FROM analytics.guild_lifecycle`,
  meetings: `SELECT meeting_id, guild_id, type, owner_user_id, created_at, started_at, ended_at,
                    duration_seconds, participants FROM analytics.meetings_as_of`,
  stickiness: `SELECT * FROM analytics.stickiness`,
  perGuild: `SELECT guild_id, active_days FROM analytics.guild_stickiness`,
  live: `SELECT * FROM analytics.live_summary`,
  guilds: `SELECT guild_id, first_installed_at, install_day::text, installed,
                  member_count::float8 AS member_count, has_override, has_template_override,
                  has_role_mapping_override, has_notification_override
           FROM analytics.guilds`,
  featureUsage: `SELECT * FROM analytics.feature_usage`,
  localeUsage: `SELECT day::text, locale, commands, unique_users, guilds FROM analytics.locale_usage`,
  guildCounts: `SELECT * FROM analytics.installed_guilds`,
  liveMeetings: `SELECT * FROM analytics.live_meetings`,
  liveParticipants: `SELECT * FROM analytics.live_participants`,
  insights: `SELECT guild_id, installed, install_day::text, member_count, commands_7d, active_days_7d,
                    command_usage_rate, unique_users_30d, unique_users_share, meetings_created_4w,
                    active_weeks_4w, meeting_creation_rate, meetings_ended_30d, meeting_join_rate,
                    features_used_30d, feature_adoption, commands_30d, active_days_30d,
                    weekly_active, command_retained_30d, server_retained_90d,
                    last_active_day::text, has_override, has_template_override,
                    has_role_mapping_override, has_notification_override
             FROM analytics.guild_insights`,
} as const;

const plain = (row: Row): Row =>
  Object.fromEntries(
    Object.entries(row).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v]),
  );

/** Every view, evaluated with `kd.now` set to `now` on one connection (in a session time zone). */
export async function readViews(
  dataSource: DataSource,
  now: string,
  timeZone = 'UTC',
): Promise<ViewSnapshot> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query(
      `SELECT set_config('kd.now', $1, false), set_config('TimeZone', $2, false)`,
      [now, timeZone],
    );
    const read = async (sql: string) => ((await runner.query(sql)) as Row[]).map(plain);
    const r = {} as Record<keyof typeof queries, Row[]>;
    for (const [key, sql] of Object.entries(queries) as [keyof typeof queries, string][])
      r[key] = await read(sql);
    const one = (rows: Row[]) => rows[0] ?? {};
    const clock = one(r.clock);
    return {
      now: String(clock.as_of),
      today: String(clock.today),
      current_week: String(clock.current_week),
      engagementSummary: one(r.engagement) as never,
      retentionSummary: one(r.retention) as never,
      customizationSummary: one(r.customization) as never,
      guildDailyActivity: r.daily as never,
      guildWeeklyActivity: r.weekly as never,
      cohortRetention: r.cohorts as never,
      guildLifecycle: r.lifecycle as never,
      meetings: r.meetings as never,
      stickiness: { ...one(r.stickiness), per_guild: r.perGuild } as never,
      live: one(r.live) as never,
      guilds: r.guilds as never,
      localeUsage: r.localeUsage as never,
      featureUsage: r.featureUsage,
      guildCounts: one(r.guildCounts),
      liveMeetings: r.liveMeetings,
      liveParticipants: r.liveParticipants,
      insights: r.insights,
    };
  } finally {
    await runner.query(`RESET kd.now; RESET TimeZone`);
    await runner.release();
  }
}

const close = (a: unknown, b: unknown): boolean =>
  typeof a === 'number' && typeof b === 'number'
    ? Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b))
    : a === b;

/** Differences between a row (or summary) and the expected one, on the expected keys. */
export function diffRow(label: string, actual: unknown, expected: object): string[] {
  const got = (actual ?? {}) as Row;
  return Object.entries(expected).flatMap(([key, want]) =>
    close(got[key], want)
      ? []
      : [`${label}.${key}: got ${JSON.stringify(got[key])}, want ${JSON.stringify(want)}`],
  );
}

/** Row-by-row differences of two tables, both sorted by `order` first. */
export function diffTable(
  label: string,
  actual: readonly object[],
  expected: readonly object[],
  order: readonly string[],
): string[] {
  const sort = (rows: readonly object[]) =>
    [...rows].sort((a, b) => {
      for (const key of order) {
        const x = String((a as Row)[key]);
        const y = String((b as Row)[key]);
        if (x !== y) return x < y ? -1 : 1;
      }
      return 0;
    });
  const [got, want] = [sort(actual), sort(expected)];
  const count =
    got.length === want.length ? [] : [`${label}: ${got.length} rows, want ${want.length}`];
  return [...count, ...want.flatMap((row, i) => diffRow(`${label}[${i}]`, got[i], row))];
}

/** Every difference between the views and the oracle's snapshot (empty when they agree). */
export function diffSnapshot(actual: ViewSnapshot, expected: MetricsSnapshot): string[] {
  const { per_guild: perGuild, ...stickiness } = expected.stickiness;
  return [
    ...diffRow('clock', actual, { today: expected.today, current_week: expected.current_week }),
    ...diffRow('engagement', actual.engagementSummary, expected.engagementSummary),
    ...diffRow('retention', actual.retentionSummary, expected.retentionSummary),
    ...diffRow('customization', actual.customizationSummary, expected.customizationSummary),
    ...diffRow('live', actual.live, expected.live),
    ...diffRow('stickiness', actual.stickiness, stickiness),
    ...diffTable('stickiness.per_guild', actual.stickiness.per_guild, perGuild, ['guild_id']),
    ...diffTable('daily', actual.guildDailyActivity, expected.guildDailyActivity, [
      'guild_id',
      'day',
    ]),
    ...diffTable('weekly', actual.guildWeeklyActivity, expected.guildWeeklyActivity, [
      'guild_id',
      'week',
    ]),
    ...diffTable(
      'cohorts',
      actual.cohortRetention.map((r) => ({ ...r, k: String(r.weeks_since_install).padStart(4) })),
      expected.cohortRetention.map((r) => ({ ...r, k: String(r.weeks_since_install).padStart(4) })),
      ['cohort_week', 'k'],
    ),
    ...diffTable('lifecycle', actual.guildLifecycle, expected.guildLifecycle, ['week']),
    ...diffTable('meetings', actual.meetings, expected.meetings, ['meeting_id']),
    ...diffTable('guilds', actual.guilds, expected.guilds, ['guild_id']),
    ...diffTable('localeUsage', actual.localeUsage, expected.localeUsage, ['day', 'locale']),
    ...diffDerived(actual, expected),
  ];
}

/** The views without an oracle table, against what follows from the oracle's rows. */
function diffDerived(actual: ViewSnapshot, expected: MetricsSnapshot): string[] {
  const installed = actual.insights.filter((r) => r.installed === true);
  const shares = installed.flatMap((r) =>
    typeof r.unique_users_share === 'number' ? [r.unique_users_share] : [],
  );
  const adoption = installed.flatMap((r) =>
    Number(r.commands_30d) > 0 ? [Number(r.feature_adoption)] : [],
  );
  const livePeople = actual.liveMeetings.reduce((n, r) => n + Number(r.live_participants), 0);
  return [
    ...diffRow('guildCounts', actual.guildCounts, expectedGuildCounts(expected)),
    ...diffTable('liveMeetings', actual.liveMeetings, expectedLiveMeetings(expected), [
      'meeting_id',
    ]),
    ...diffRow(
      'liveParticipants',
      { rows: actual.liveParticipants.length, perMeeting: livePeople },
      {
        rows: expected.live.meeting_participants_live,
        perMeeting: expected.live.meeting_participants_live,
      },
    ),
    ...diffTable('insights', actual.insights, expectedInsights(expected), ['guild_id']),
    ...diffRow(
      'insights.aggregates',
      {
        unique_users_mean: mean(shares),
        unique_users_median: median(shares),
        feature_adoption_per_guild_mean: mean(adoption),
      },
      {
        unique_users_mean: expected.engagementSummary.unique_users_mean,
        unique_users_median: expected.engagementSummary.unique_users_median,
        feature_adoption_per_guild_mean: expected.engagementSummary.feature_adoption_per_guild_mean,
      },
    ),
  ];
}

/** The snapshot with every table in a fixed order (views promise no order). */
export function sortedTables(snapshot: ViewSnapshot): ViewSnapshot {
  const sorted = (rows: readonly object[]) =>
    rows
      .map((row) => [JSON.stringify(row), row] as const)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, row]) => row);
  return Object.fromEntries(
    Object.entries(snapshot).map(([key, value]) => [
      key,
      Array.isArray(value)
        ? sorted(value as object[])
        : key === 'stickiness'
          ? { ...(value as object), per_guild: sorted(snapshot.stickiness.per_guild) }
          : value,
    ]),
  ) as ViewSnapshot;
}
