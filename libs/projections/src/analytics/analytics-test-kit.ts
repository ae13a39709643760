import type { DataSource } from 'typeorm';
import type { JetStreamClient } from '@nats-io/jetstream';
import type { DomainEvent } from '@kd/events';
import { subjectOf } from '@kd/event-store';
import type { MetricsSnapshot } from '@kd/analytics';

/*
 * Helpers of the analytics int-specs (not part of the projection): publish a history as it was
 * recorded, and read every analytics view back in the oracle's MetricsSnapshot shape.
 */

const encoder = new TextEncoder();

/**
 * Publishes events in order without Nats-Msg-Id, so repeated ids reach the stream as they would
 * after the duplicate window; a window of publishes is in flight at once (one connection keeps
 * their order). Returns the stream sequence of each event.
 */
export async function publishRaw(
  js: JetStreamClient,
  subjectPrefix: string,
  events: readonly DomainEvent[],
  window = 2_000,
): Promise<number[]> {
  const seqs: number[] = [];
  for (let i = 0; i < events.length; i += window) {
    const acks = await Promise.all(
      events
        .slice(i, i + window)
        .map((e) => js.publish(subjectOf(subjectPrefix, e), encoder.encode(JSON.stringify(e)))),
    );
    seqs.push(...acks.map((a) => a.seq));
  }
  return seqs;
}

type Row = Record<string, unknown>;
export type ViewSnapshot = Omit<MetricsSnapshot, 'now'> & { now: string; featureUsage: Row[] };

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
} as const;

const plain = (row: Row): Row =>
  Object.fromEntries(
    Object.entries(row).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v]),
  );

/** Every view, evaluated with `kd.now` set to `now` on one connection. */
export async function readViews(dataSource: DataSource, now: string): Promise<ViewSnapshot> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query(`SELECT set_config('kd.now', $1, false)`, [now]);
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
      featureUsage: r.featureUsage,
    };
  } finally {
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
