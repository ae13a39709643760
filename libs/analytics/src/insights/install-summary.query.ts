import type { DataSource, EntityManager } from 'typeorm';
import type {
  CustomizationSummary,
  EngagementSummary,
  RetentionSummary,
} from '../snapshot.types.js';

export interface LiveSummary {
  installed_guilds: number;
  meetings_live: number;
  meeting_participants_live: number;
}

/** The one-row summary views of the whole install, read in one snapshot. */
export interface InstallSummary {
  engagement: EngagementSummary;
  retention: RetentionSummary;
  customization: CustomizationSummary;
  live: LiveSummary;
}

const views = {
  engagement: 'analytics.engagement_summary',
  retention: 'analytics.retention_summary',
  customization: 'analytics.customization_summary',
  live: 'analytics.live_summary',
} as const;

/**
 * Reads every summary view in one read-only transaction (one consistent snapshot) that gives up
 * after `timeoutMs`. Numeric columns arrive from pg as strings; they become numbers here.
 */
export async function readInstallSummary(
  db: Pick<DataSource, 'transaction'>,
  read: SnapshotRead,
): Promise<InstallSummary> {
  return db.transaction('REPEATABLE READ', async (tx) => {
    await startReadOnly(tx, read);
    // One query at a time: a transaction is one connection.
    const engagement = await oneRow(tx, views.engagement);
    const retention = await oneRow(tx, views.retention);
    const customization = await oneRow(tx, views.customization);
    const live = await oneRow(tx, views.live);
    return {
      engagement: engagement as unknown as EngagementSummary,
      retention: retention as unknown as RetentionSummary,
      customization: customization as unknown as CustomizationSummary,
      live: live as unknown as LiveSummary,
    };
  });
}

/** How a read of the analytics views is made: evaluated at `now`, given up after `timeoutMs`. */
export interface SnapshotRead {
  timeoutMs: number;
  /** The instant the views are evaluated at (`kd.now`): the caller's clock, never the database's. */
  now: Date;
}

export async function startReadOnly(tx: EntityManager, read: SnapshotRead): Promise<void> {
  await tx.query('SET TRANSACTION READ ONLY');
  await tx.query(
    `SELECT set_config('statement_timeout', $1, true), set_config('kd.now', $2, true)`,
    [String(read.timeoutMs), read.now.toISOString()],
  );
}

export async function oneRow(tx: EntityManager, view: string): Promise<Record<string, unknown>> {
  const rows = await tx.query<Record<string, unknown>[]>(`SELECT * FROM ${view}`);
  return numeric(rows[0] ?? {});
}

/** pg returns numeric and bigint as strings; every column of these views is a number or null. */
export function numeric(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(row).map(([key, value]) => [
      key,
      typeof value === 'string' && value !== '' && !Number.isNaN(Number(value))
        ? Number(value)
        : value,
    ]),
  );
}
