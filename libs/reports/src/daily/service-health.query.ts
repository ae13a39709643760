import type { Period } from '../period.js';
import { optional, type Sql, type Unavailable } from '../sql.js';
import { isoText, range, ratio } from '../sql-fragments.js';

export interface CommandHealth {
  /** null on the total row. */
  command: string | null;
  total: number;
  ok: number;
  error: number;
  denied: number;
  invalid: number;
  error_ratio: number | null;
  p50_ms: number | null;
  p95_ms: number | null;
}

export interface DeadLetter {
  projection: string;
  seq: number;
  event_id: string | null;
  event_type: string | null;
  error_code: string;
  error_message: string;
  parked_at: string;
}

export interface Checkpoint {
  projection: string;
  last_seq: number;
  behind_highest: number;
  last_occurred_at: string | null;
  updated_at: string;
}

export interface ServiceHealthData {
  period: Period;
  commands: CommandHealth[];
  total: CommandHealth;
  webhooks: { event_type: string; object_type: string; received: number }[];
  kalturaFailures: { service: string; action: string; code: string; failures: number }[];
  notifications: { kind: string; sent: number; failed: number; failure_ratio: number | null }[];
  deadLetters: { parked: DeadLetter[]; outstanding: number } | Unavailable;
  checkpoints:
    { rows: Checkpoint[]; highest: number; eventLogHighest: number | null } | Unavailable;
}

/** The daily service-health figures of one day (`analytics.event_log`; kd.* where readable). */
export async function readServiceHealth(sql: Sql, period: Period): Promise<ServiceHealthData> {
  const window = [period.start, period.end];
  const commands = await sql.query<CommandHealth & { is_total: boolean }>(
    `SELECT payload->>'command' AS command, grouping(payload->>'command') = 1 AS is_total,
            count(*)::int AS total,
            count(*) FILTER (WHERE payload->>'outcome' = 'ok')::int AS ok,
            count(*) FILTER (WHERE payload->>'outcome' = 'error')::int AS error,
            count(*) FILTER (WHERE payload->>'outcome' = 'denied')::int AS denied,
            count(*) FILTER (WHERE payload->>'outcome' = 'invalid')::int AS invalid,
            ${ratio(`count(*) FILTER (WHERE payload->>'outcome' = 'error')`, 'count(*)')} AS error_ratio,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY (payload->>'durationMs')::float8) AS p50_ms,
            percentile_cont(0.95) WITHIN GROUP (ORDER BY (payload->>'durationMs')::float8) AS p95_ms
     FROM analytics.event_log
     WHERE type = 'command.executed' AND ${range('occurred_at')}
     GROUP BY ROLLUP (payload->>'command')
     ORDER BY is_total, total DESC, command`,
    window,
  );
  const empty: CommandHealth = {
    command: null,
    total: 0,
    ok: 0,
    error: 0,
    denied: 0,
    invalid: 0,
    error_ratio: null,
    p50_ms: null,
    p95_ms: null,
  };
  const strip = ({ is_total: _, ...row }: CommandHealth & { is_total: boolean }) => row;
  return {
    period,
    commands: commands.filter((r) => !r.is_total).map(strip),
    total: { ...empty, ...strip(commands.find((r) => r.is_total) ?? { ...empty, is_total: true }) },
    webhooks: await sql.query(
      `SELECT payload->>'eventType' AS event_type, payload->>'eventObjectType' AS object_type,
              count(*)::int AS received
       FROM analytics.event_log WHERE type = 'kaltura.webhook_received' AND ${range('occurred_at')}
       GROUP BY 1, 2 ORDER BY received DESC, 1, 2`,
      window,
    ),
    kalturaFailures: await sql.query(
      `SELECT payload->>'service' AS service, payload->>'action' AS action,
              payload->>'code' AS code, count(*)::int AS failures
       FROM analytics.event_log WHERE type = 'kaltura.api_failed' AND ${range('occurred_at')}
       GROUP BY 1, 2, 3 ORDER BY failures DESC, 1, 2, 3`,
      window,
    ),
    notifications: await sql.query(
      `SELECT payload->>'kind' AS kind,
              count(*) FILTER (WHERE type = 'notification.sent')::int AS sent,
              count(*) FILTER (WHERE type = 'notification.failed')::int AS failed,
              ${ratio(`count(*) FILTER (WHERE type = 'notification.failed')`, 'count(*)')} AS failure_ratio
       FROM analytics.event_log
       WHERE type IN ('notification.sent', 'notification.failed') AND ${range('occurred_at')}
       GROUP BY 1 ORDER BY 1`,
      window,
    ),
    deadLetters: await optional(sql, () => readDeadLetters(sql, window)),
    checkpoints: await optional(sql, () => readCheckpoints(sql)),
  };
}

/** Parked while the day lasted (parked_at is processing time), and everything still parked. */
async function readDeadLetters(sql: Sql, window: string[]) {
  const parked = await sql.query<DeadLetter>(
    `SELECT projection, seq::float8 AS seq, event_id, event_type, error_code, error_message,
            ${isoText('parked_at')} AS parked_at
     FROM kd.projection_dead_letters WHERE ${range('parked_at')}
     ORDER BY parked_at, projection, seq`,
    window,
  );
  const [total] = await sql.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM kd.projection_dead_letters`,
  );
  return { parked, outstanding: total?.n ?? 0 };
}

/**
 * The checkpoints now (not as of the day). The stream head lives in NATS, not PostgreSQL: the
 * highest checkpoint (and the event log's last sequence) is the best lower bound here.
 */
async function readCheckpoints(sql: Sql) {
  const rows = await sql.query<Omit<Checkpoint, 'behind_highest'>>(
    `SELECT projection, last_seq::float8 AS last_seq, ${isoText('last_occurred_at')} AS last_occurred_at,
            ${isoText('updated_at')} AS updated_at
     FROM kd.projection_checkpoints ORDER BY projection`,
  );
  const [log] = await sql.query<{ seq: number | null }>(
    `SELECT max(seq)::float8 AS seq FROM analytics.event_log`,
  );
  const highest = Math.max(0, log?.seq ?? 0, ...rows.map((r) => r.last_seq));
  return {
    rows: rows.map((r) => ({ ...r, behind_highest: highest - r.last_seq })),
    highest,
    eventLogHighest: log?.seq ?? null,
  };
}
