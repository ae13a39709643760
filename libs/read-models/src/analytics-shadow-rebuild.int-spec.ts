import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource, QueryRunner } from 'typeorm';
import { analyticsRole, createAnalyticsProjection } from '@kd/analytics';
import { generateHistory, publishRaw, type JsonObject } from '@kd/analytics-oracle';
import { loadDefaultConfig } from '@kd/guild-config';
import {
  catchUp,
  createDataSource,
  ProjectionRunner,
  rebuildWithShadows,
  type ShadowRebuildOptions,
} from '@kd/projections';
import {
  createTestDatabase,
  createTestStream,
  testLogger,
  type TestDatabase,
  type TestStream,
} from '@kd/testing';

const now = new Date('2026-03-18T13:45:00.000Z');
const defaults = loadDefaultConfig() as unknown as JsonObject;
// Hostile input (repeated ids, late and future events, unknown guilds): every writer has work.
const { events } = generateHistory({ seed: 7, guilds: 12, days: 45, now, defaults });
const analytics = createAnalyticsProjection(() => defaults);
const tables = analytics.tables.map((t) => `kd.${t}`);
/** A reader's probe during the rebuild: one view over several tables. */
const probe = 'analytics.guild_daily_activity';

type Print = { f: string | null; n: string };

/**
 * `projections:rebuild -- analytics` without downtime: the analytics tables are built as shadows
 * while analysts and Grafana keep reading the views, then swapped in one transaction that also
 * points every view at the new tables (views bind to table OIDs), grants and comments intact.
 */
describe('analytics shadow rebuild', () => {
  let db: TestDatabase;
  let t: TestStream;
  let dataSource: DataSource;
  const logger = testLogger('analytics-shadow-rebuild');
  let views: string[] = [];
  let fresh: { tables: Print[]; views: Print[] };

  beforeAll(async () => {
    [db, t] = await Promise.all([createTestDatabase(), createTestStream()]);
    dataSource = createDataSource({ url: db.url, applicationName: 'analytics-shadow-rebuild' });
    await dataSource.initialize();
    const head = await publishRaw(t, events);
    if (head !== events.length) throw new Error(`stream holds ${head} of ${events.length} events`);
    views = (
      await dataSource.query<{ name: string }[]>(
        `SELECT format('%I.%I', n.nspname, c.relname) AS name FROM pg_class c
           JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE c.relkind = 'v' AND n.nspname = 'analytics' ORDER BY 1`,
      )
    ).map((v) => v.name);
  }, 60_000);
  afterAll(async () => {
    await dataSource.destroy();
    await Promise.all([db.drop(), t.cleanup()]);
  });

  const options = (durable: string) => ({
    nats: t,
    stream: t.stream,
    subjectPrefix: t.subjectPrefix,
    logger,
    batchSize: 500,
    maxBatchSize: 500,
    maxWaitMs: 200,
    durable,
  });
  const inPlaceRebuild = async () => {
    const runner = new ProjectionRunner(analytics, dataSource, logger);
    await runner.prepare({ forceRebuild: true });
    await catchUp(runner, options('in_place'));
  };

  /** Runs `fn` on one connection, as kd_analytics (Grafana, analysts) when `role` says so. */
  const withRunner = async <T>(role: string | null, fn: (q: QueryRunner) => Promise<T>) => {
    const q = dataSource.createQueryRunner();
    await q.connect();
    try {
      if (role) await q.query(`SET ROLE ${role}`);
      await q.query(`SELECT set_config('kd.now', $1, false)`, [now.toISOString()]);
      return await fn(q);
    } finally {
      await q.query(`RESET ROLE; RESET kd.now`).catch(() => undefined);
      await q.release();
    }
  };
  const printOf = async (q: Pick<QueryRunner, 'query'>, relation: string): Promise<Print> =>
    (
      (await q.query(
        `SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) AS f, count(*) AS n FROM ${relation} t`,
      )) as Print[]
    )[0] as Print;
  const printsOf = async (role: string | null, relations: readonly string[]) =>
    withRunner(role, async (q) => {
      const out: Print[] = [];
      for (const r of relations) out.push(await printOf(q, r));
      return out;
    });
  /** Every view of schema analytics as kd_analytics reads it, and the tables behind them. */
  const prints = async () => ({
    tables: await printsOf(null, tables),
    views: await printsOf(analyticsRole, views),
  });
  /** What the swap must keep: view OIDs, grants and comments; table grants; index definitions. */
  const catalog = () =>
    dataSource.query(
      `SELECT c.oid::regclass::text AS name, CASE WHEN c.relkind = 'v' THEN c.oid END AS view_oid,
              c.relacl::text AS acl, pg_get_userbyid(c.relowner) AS owner,
              obj_description(c.oid, 'pg_class') AS comment,
              (SELECT count(*) FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0
                  AND col_description(c.oid, a.attnum) IS NOT NULL) AS column_comments
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE (c.relkind = 'v' AND n.nspname = 'analytics')
           OR (c.relkind = 'v' AND n.nspname = 'kd' AND c.relname LIKE 'analytics\\_%')
           OR c.oid = ANY($1::regclass[])
       UNION ALL
       SELECT indexname, NULL, indexdef, NULL, NULL, NULL FROM pg_indexes
        WHERE schemaname = 'kd' AND tablename = ANY($2)
       UNION ALL
       SELECT conname, NULL, pg_get_constraintdef(oid), NULL, NULL, NULL FROM pg_constraint
        WHERE conrelid = ANY($1::regclass[])
       ORDER BY 1, 3`,
      [tables, analytics.tables],
    );
  const leftovers = () =>
    dataSource.query<{ name: string }[]>(
      `SELECT relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'kd' AND relname LIKE 'analytics%'
          AND (relname LIKE '%\\_rebuild' OR relname LIKE '%\\_retired' OR relname LIKE '%\\_rb')
       UNION ALL SELECT projection FROM kd.projection_checkpoints WHERE projection LIKE '%\\_rebuild'`,
    );
  const checkpoints = () =>
    dataSource.query(`SELECT projection, last_seq FROM kd.projection_checkpoints`);
  /** Rows the rebuild must replace: live tables that are wrong (an older apply, say). */
  const spoil = async () => {
    await dataSource.query(`DELETE FROM kd.analytics_commands WHERE seq % 3 = 0`);
    await dataSource.query(`UPDATE kd.analytics_guild_days SET commands = commands + 1`);
    await dataSource.query(`DELETE FROM kd.analytics_meetings WHERE created_seq % 2 = 0`);
  };

  /**
   * A reader that keeps reading the probe view as kd_analytics while `work` runs, and once more
   * after it: every read must succeed and see a whole state.
   */
  const readThroughout = async <T>(work: Promise<T>) => {
    const seen = new Set<string>();
    const errors: string[] = [];
    let done = false;
    const reader = withRunner(analyticsRole, async (q) => {
      for (;;) {
        const last = done;
        try {
          seen.add(JSON.stringify(await printOf(q, probe)));
        } catch (error) {
          errors.push(String(error));
        }
        if (last) return;
        await new Promise((r) => setTimeout(r, 5));
      }
    });
    const [outcome] = await Promise.allSettled([work]);
    done = true;
    await reader;
    return { outcome, seen, errors };
  };

  it('builds shadows while every view serves the old rows, then swaps in exactly a fresh in-place build', async () => {
    await catchUp(new ProjectionRunner(analytics, dataSource, logger), options('live'));
    await inPlaceRebuild();
    fresh = await prints();
    const head = events.length;
    expect(Number(fresh.tables[0]?.n)).toBeGreaterThan(1000);
    expect(fresh.views.filter((v) => Number(v.n) > 0).length).toBeGreaterThan(15);
    await spoil();
    const stale = await prints();
    const before = await catalog();
    const staleProbe = stale.views[views.indexOf(probe)];
    const freshProbe = fresh.views[views.indexOf(probe)];
    expect(staleProbe).not.toEqual(freshProbe);

    let progress = 0;
    const midway: Promise<{ live: Awaited<ReturnType<typeof prints>>; shadow: unknown[] }>[] = [];
    const { outcome, seen, errors } = await readThroughout(
      rebuildWithShadows([analytics], {
        ...options('rebuild'),
        batchSize: 200,
        maxBatchSize: 200,
        dataSource,
        onProgress: () => {
          if (progress++ !== 3) return;
          midway.push(
            (async () => ({
              live: await prints(),
              // The shadow has the live tables' constraints and indexes, under their own names.
              shadow: await dataSource.query(
                `SELECT replace(replace(indexdef, '_rebuild ', ' '), '_rb ', ' ') AS def
                   FROM pg_indexes WHERE schemaname = 'kd' AND tablename = ANY($1)
                 UNION ALL
                 SELECT pg_get_constraintdef(oid) FROM pg_constraint
                  WHERE conrelid = ANY($2::regclass[])
                 ORDER BY 1`,
                [analytics.tables.map((x) => `${x}_rebuild`), tables.map((x) => `${x}_rebuild`)],
              ),
            }))(),
          );
        },
      } satisfies ShadowRebuildOptions),
    );
    expect(outcome).toEqual({ status: 'fulfilled', value: head });
    const [mid] = await Promise.all(midway);
    // Mid-way, analysts read the old rows in every view, while the shadow fills up.
    expect(mid?.live).toEqual(stale);
    const liveDefs = await dataSource.query(
      `SELECT indexdef AS def FROM pg_indexes WHERE schemaname = 'kd' AND tablename = ANY($1)
       UNION ALL
       SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = ANY($2::regclass[])
       ORDER BY 1`,
      [analytics.tables, tables],
    );
    expect(mid?.shadow).toEqual(liveDefs);
    // The reader never failed and saw the old rows, then the new ones (nothing in between).
    expect(errors).toEqual([]);
    expect([...seen].map((s) => JSON.parse(s) as Print)).toEqual([staleProbe, freshProbe]);

    expect(await prints()).toEqual(fresh);
    expect(await catalog()).toEqual(before);
    expect(await leftovers()).toEqual([]);
    expect(await checkpoints()).toEqual([{ projection: 'analytics', last_seq: String(head) }]);
    // The grants did not widen: kd_analytics still reads views only.
    await withRunner(analyticsRole, async (q) => {
      await expect(q.query(`SELECT 1 FROM kd.analytics_commands LIMIT 1`)).rejects.toThrow(
        /permission denied/,
      );
    });
  }, 180_000);

  it('leaves the live tables untouched when the rebuild fails before the swap', async () => {
    await spoil();
    const before = await prints();
    const checkpointsBefore = await checkpoints();
    await expect(
      rebuildWithShadows([analytics], {
        ...options('failing'),
        dataSource,
        beforeSwap: () => Promise.reject(new Error('injected failure')),
      }),
    ).rejects.toThrow('injected failure');
    expect(await prints()).toEqual(before);
    expect(await checkpoints()).toEqual(checkpointsBefore);
    expect(await leftovers()).toEqual([]);
  }, 120_000);

  it('rolls the whole swap back (renames, views, drops) when it dies at its last step, and the next one succeeds', async () => {
    // A dead letter of the live projection, held by a reader: the swap, which clears the live
    // dead letters last of all, waits there with every rename and view already done.
    await dataSource.query(
      `INSERT INTO kd.projection_dead_letters (projection, seq, error_code, error_message, raw)
       VALUES ('analytics', 1, 'test', 'held by the test', '{}')`,
    );
    const before = await prints();
    const catalogBefore = await catalog();
    const checkpointsBefore = await checkpoints();
    const victim = createDataSource({ url: db.url, applicationName: 'kd-rebuild-victim' });
    await victim.initialize();
    const blocker = dataSource.createQueryRunner();
    await blocker.connect();
    const held: unknown[] = [];
    try {
      await blocker.startTransaction();
      await blocker.query(
        `SELECT 1 FROM kd.projection_dead_letters WHERE projection = 'analytics' FOR UPDATE`,
      );
      const rebuild = readThroughout(
        rebuildWithShadows([analytics], { ...options('interrupted'), dataSource: victim }),
      );
      for (let i = 0; i < 2400 && held.length === 0; i++) {
        await new Promise((r) => setTimeout(r, 25));
        const waiting = await dataSource.query<{ pid: number; views: number }[]>(
          `SELECT a.pid, (SELECT count(*)::int FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
                           WHERE l.pid = a.pid AND l.granted AND l.mode = 'AccessExclusiveLock'
                             AND c.relkind = 'v') AS views
             FROM pg_stat_activity a
            WHERE a.application_name = 'kd-rebuild-victim' AND a.wait_event_type = 'Lock'
              AND a.query LIKE 'DELETE FROM kd.projection_dead_letters%'`,
        );
        for (const w of waiting) {
          held.push(w.views);
          await dataSource.query(`SELECT pg_terminate_backend($1)`, [w.pid]);
        }
      }
      const { outcome, errors } = await rebuild;
      expect(outcome.status).toBe('rejected');
      expect(errors).toEqual([]);
    } finally {
      if (blocker.isTransactionActive) await blocker.rollbackTransaction();
      await blocker.release();
      await victim.destroy();
    }
    // It was inside the swap, holding the views it had recreated, when it died.
    expect(held.length).toBe(1);
    expect(held[0]).toBeGreaterThan(10);
    expect(await prints()).toEqual(before);
    expect(await catalog()).toEqual(catalogBefore);
    expect(await checkpoints()).toEqual(checkpointsBefore);
    expect(await leftovers()).toEqual([]);

    await rebuildWithShadows([analytics], { ...options('after_interrupted'), dataSource });
    expect(await prints()).toEqual(fresh);
    expect(await catalog()).toEqual(catalogBefore);
    expect(await leftovers()).toEqual([]);
    expect(
      await dataSource.query(
        `SELECT count(*)::int AS n FROM kd.projection_dead_letters WHERE projection LIKE 'analytics%'`,
      ),
    ).toEqual([{ n: 0 }]);
  }, 180_000);
  it('retries a swap PostgreSQL aborted in a deadlock with a reader that locked a table before a view', async () => {
    await spoil();
    const reader = dataSource.createQueryRunner();
    await reader.connect();
    let swaps = 0;
    let readerDone: Promise<unknown> = Promise.resolve();
    try {
      await rebuildWithShadows([analytics], {
        ...options('deadlocked'),
        dataSource,
        beforeSwap: async () => {
          if (swaps++ > 0) return;
          // A query that reads a table, then (same transaction) a view over it: the swap locks
          // the views, then waits for the table; the reader then waits for the view.
          await reader.startTransaction();
          await reader.query(`SELECT 1 FROM kd.analytics_guild_days LIMIT 0`);
          readerDone = (async () => {
            await waitForSwapLockingTables();
            const rows: unknown[] = await reader.query(`SELECT count(*) AS n FROM ${probe}`);
            await reader.commitTransaction();
            return rows;
          })();
        },
      });
      // The first swap was the deadlock's victim (it waited first), the second one went through;
      // the reader's query was answered.
      expect(swaps).toBe(2);
      await expect(readerDone).resolves.toHaveLength(1);
    } finally {
      if (reader.isTransactionActive) await reader.rollbackTransaction();
      await reader.release();
    }
    expect(await prints()).toEqual(fresh);
    expect(await leftovers()).toEqual([]);
  }, 120_000);

  const waitForSwapLockingTables = async () => {
    for (let i = 0; i < 400; i++) {
      const rows = await dataSource.query(
        `SELECT 1 FROM pg_stat_activity
          WHERE wait_event_type = 'Lock' AND query LIKE 'LOCK TABLE kd.analytics%'`,
      );
      if (rows.length > 0) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error('the swap never waited for the tables');
  };
});
