import type pg from 'pg';

/** What the report queries need from a connection. */
export interface Sql {
  query<R extends object = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
  /** Sets the instant the analytics views are evaluated at (`kd.now`) for the rest of the snapshot. */
  asOf(instant: string): Promise<void>;
}

/** A part of a report the connected role may not read (kd.* tables need more than kd_analytics). */
export interface Unavailable {
  unavailable: string;
}

export const isUnavailable = (value: unknown): value is Unavailable =>
  typeof value === 'object' && value !== null && 'unavailable' in value;

/**
 * Runs `fn` in one read-only REPEATABLE READ transaction (every query sees the same data),
 * with the analytics views evaluated at `instant`.
 */
export async function inSnapshot<T>(
  client: pg.ClientBase,
  instant: string,
  fn: (sql: Sql) => Promise<T>,
  timeoutMs = 300_000,
): Promise<T> {
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    await client.query(`SELECT set_config('statement_timeout', $1, true)`, [String(timeoutMs)]);
    const sql: Sql = {
      query: async <R extends object>(text: string, params?: unknown[]) =>
        (await client.query<R>(text, params)).rows,
      asOf: async (at) => void (await client.query(`SELECT set_config('kd.now', $1, true)`, [at])),
    };
    await sql.asOf(instant);
    const result = await fn(sql);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

const INSUFFICIENT_PRIVILEGE = '42501';

/**
 * Runs a query that needs tables outside schema `analytics` inside a savepoint: when the role
 * may not read them, the part is marked unavailable and the rest of the report goes on.
 */
export async function optional<T>(sql: Sql, fn: () => Promise<T>): Promise<T | Unavailable> {
  await sql.query('SAVEPOINT optional_part');
  try {
    const result = await fn();
    await sql.query('RELEASE SAVEPOINT optional_part');
    return result;
  } catch (error) {
    if ((error as { code?: string }).code !== INSUFFICIENT_PRIVILEGE) throw error;
    await sql.query('ROLLBACK TO SAVEPOINT optional_part');
    return { unavailable: (error as Error).message };
  }
}
