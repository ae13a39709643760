import type { GuildDailyActivityRow, MeetingRow, MetricsSnapshot } from '@kd/analytics';

/*
 * Expected rows of the views the oracle has no table for (analytics.guild_insights,
 * analytics.live_meetings, analytics.installed_guilds), derived in the int-specs from the
 * oracle's own rows (guilds, daily activity, meetings) by the rules of docs/analytics.md.
 */

const DAY_MS = 86_400_000;
const dayNumber = (iso: string) => Math.floor(Date.parse(`${iso}T00:00:00.000Z`) / DAY_MS);
const weekOf = (day: number) => day - ((((day + 3) % 7) + 7) % 7);
const ratio = (a: number, b: number) => (b === 0 ? null : a / b);
const between = (day: number, from: number, to: number) => day >= from && day < to;

export interface ExpectedInsights {
  guild_id: string;
  installed: boolean;
  install_day: string | null;
  member_count: number | null;
  commands_7d: number;
  active_days_7d: number;
  command_usage_rate: number | null;
  meetings_created_4w: number;
  active_weeks_4w: number;
  meeting_creation_rate: number | null;
  meetings_ended_30d: number;
  meeting_join_rate: number | null;
  commands_30d: number;
  active_days_30d: number;
  weekly_active: boolean;
  command_retained_30d: boolean | null;
  server_retained_90d: boolean | null;
  last_active_day: string | null;
  has_override: boolean;
  has_template_override: boolean;
  has_role_mapping_override: boolean;
  has_notification_override: boolean;
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string | null): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    if (k === null) continue;
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

/** Per guild: the figures of analytics.guild_insights that follow from the oracle's rows. */
export function expectedInsights(snapshot: MetricsSnapshot): ExpectedInsights[] {
  const today = dayNumber(snapshot.today);
  const week = dayNumber(snapshot.current_week);
  const days = groupBy(
    snapshot.guildDailyActivity.filter((r) => r.commands > 0),
    (r) => r.guild_id,
  );
  const meetings = groupBy(snapshot.meetings, (m) => m.guild_id);
  return snapshot.guilds.map((g) => {
    const active = days.get(g.guild_id) ?? [];
    const installDay = g.install_day === null ? null : dayNumber(g.install_day);
    const last7 = window(active, today - 7, today);
    const last30 = window(active, today - 30, today);
    const weeks = new Set(window(active, week - 28, week).map((r) => weekOf(dayNumber(r.day))));
    const own = meetings.get(g.guild_id) ?? [];
    const created4w = own.filter((m) => between(dayOf(m.created_at), week - 28, week)).length;
    const ended30 = own.filter(
      (m) => m.ended_at !== null && between(dayOf(m.ended_at), today - 30, today),
    );
    return {
      guild_id: g.guild_id,
      installed: g.installed,
      install_day: g.install_day,
      member_count: g.member_count,
      has_override: g.has_override,
      has_template_override: g.has_template_override,
      has_role_mapping_override: g.has_role_mapping_override,
      has_notification_override: g.has_notification_override,
      commands_7d: sum(last7),
      active_days_7d: last7.length,
      command_usage_rate: ratio(sum(last7), last7.length),
      meetings_created_4w: created4w,
      active_weeks_4w: weeks.size,
      meeting_creation_rate: ratio(created4w, weeks.size),
      meetings_ended_30d: ended30.length,
      meeting_join_rate: ratio(participants(ended30), ended30.length),
      commands_30d: sum(last30),
      active_days_30d: last30.length,
      weekly_active: last7.length > 0,
      command_retained_30d:
        installDay === null || installDay > today - 30
          ? null
          : active.some((r) => dayNumber(r.day) >= installDay + 30),
      server_retained_90d:
        installDay === null || installDay > today - 90 ? null : g.installed && last30.length > 0,
      last_active_day: active.map((r) => r.day).reduce<string | null>(later, null),
    };
  });
}

const window = (rows: readonly GuildDailyActivityRow[], from: number, to: number) =>
  rows.filter((r) => between(dayNumber(r.day), from, to));
const sum = (rows: readonly GuildDailyActivityRow[]) => rows.reduce((n, r) => n + r.commands, 0);
const participants = (rows: readonly MeetingRow[]) => rows.reduce((n, m) => n + m.participants, 0);
const dayOf = (instant: string) => Math.floor(Date.parse(instant) / DAY_MS);
const later = (a: string | null, b: string) => (a === null || b > a ? b : a);

/** Meetings live at the snapshot's `now`: started, not ended, started less than 24 h before. */
export function expectedLiveMeetings(snapshot: MetricsSnapshot) {
  const now = Date.parse(snapshot.now);
  return snapshot.meetings
    .filter(
      (m) =>
        m.started_at !== null && m.ended_at === null && Date.parse(m.started_at) > now - DAY_MS,
    )
    .map((m) => ({
      meeting_id: m.meeting_id,
      guild_id: m.guild_id,
      started_at: m.started_at,
      participants: m.participants,
    }));
}

export function expectedGuildCounts(snapshot: MetricsSnapshot) {
  const { guilds } = snapshot;
  return {
    installed_guilds: guilds.filter((g) => g.installed).length,
    uninstalled_guilds: guilds.filter((g) => g.install_day !== null && !g.installed).length,
    unknown_guilds: guilds.filter((g) => g.install_day === null).length,
  };
}

export function mean(values: readonly number[]): number | null {
  return ratio(
    values.reduce((s, v) => s + v, 0),
    values.length,
  );
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] ?? 0) + upper) / 2;
}
