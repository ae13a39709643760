import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { generateHistory, publishRaw, type JsonObject } from '@kd/analytics-oracle';
import { loadDefaultConfig } from '@kd/guild-config';
import { catchUpAll, createDataSource, ProjectionRunner, runMigrations } from '@kd/projections';
import { migrations, projections } from '@kd/read-models';
import {
  createTestStream,
  privatePostgres,
  testLogger,
  type PrivatePostgres,
  type TestStream,
} from '@kd/testing';

const database = 'kd_rebuild_faults';
const now = new Date('2026-03-18T13:45:00.000Z');
// No repeated ids: every large batch of the event log goes by COPY straight into the table.
const { events } = generateHistory({
  seed: 5,
  guilds: 30,
  days: 90,
  now,
  defaults: loadDefaultConfig() as unknown as JsonObject,
  hostile: false,
});
const tables = projections.flatMap((p) => p.tables.map((t) => `kd.${t}`));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What analysts and Grafana read (as kd_analytics), in one statement: one snapshot. */
const probeSql = `
  SELECT (SELECT count(*) FROM analytics.event_log) AS events,
         (SELECT count(DISTINCT id) FROM analytics.event_log) AS ids,
         (SELECT coalesce(sum(commands), 0) FROM analytics.guild_daily_activity) AS commands,
         (SELECT count(*) FROM analytics.meetings) AS meetings,
         (SELECT count(*) FROM analytics.guild_configuration) AS configured,
         (SELECT installed_guilds FROM analytics.retention_summary) AS installed`;

interface Rebuild {
  pid: number;
  kill(): void;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>;
}

/**
 * `projections:rebuild` as a process (the built CLI, dist/) under faults: SIGKILL in the middle
 * of a COPY batch, and its PostgreSQL restarted mid-build (a private server: the shared one is
 * never restarted). The live tables stay whole and readable throughout; after the rebuild runs
 * again, every event is in every read model exactly once.
 */
describe('rebuild faults: the live read models stay whole, the rerun applies each event once', () => {
  let postgres: PrivatePostgres;
  let t: TestStream;
  let admin: pg.Client;
  let reference: { tables: unknown[]; probe: string };
  const url = () => postgres.url(database);

  beforeAll(async () => {
    [postgres, t] = await Promise.all([privatePostgres(), createTestStream()]);
    const boot = new pg.Client({ connectionString: postgres.url('postgres') });
    await boot.connect();
    await boot.query(`CREATE DATABASE ${database}`);
    await boot.end();
    const dataSource = createDataSource({ url: url(), applicationName: 'faults-live', migrations });
    await dataSource.initialize();
    try {
      await runMigrations(dataSource);
      const head = await publishRaw(t, events);
      if (head !== events.length) throw new Error(`stream holds ${head} of ${events.length}`);
      // What the projector built: the live tables every rebuild below must leave whole.
      const logger = testLogger('rebuild-faults');
      const runners = projections.map((p) => new ProjectionRunner(p, dataSource, logger));
      await catchUpAll(runners, {
        nats: t,
        stream: t.stream,
        subjectPrefix: t.subjectPrefix,
        logger,
        batchSize: 1000,
        maxWaitMs: 50,
        durable: 'faults_live',
      });
    } finally {
      await dataSource.destroy();
    }
    admin = new pg.Client({ connectionString: url() });
    await admin.connect();
    reference = { tables: await tablePrints(), probe: await probeOnce() };
  }, 240_000);
  afterAll(async () => {
    await admin?.end().catch(() => undefined);
    await t?.cleanup();
    postgres?.dispose();
  });

  async function tablePrints(): Promise<unknown[]> {
    const out: unknown[] = [];
    for (const table of tables) {
      const { rows } = await admin.query(
        `SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) AS f, count(*) AS n FROM ${table} t`,
      );
      out.push({ table, ...rows[0] });
    }
    return out;
  }
  async function probeOnce(client: pg.Client = admin): Promise<string> {
    await client.query(`SET ROLE kd_analytics`);
    await client.query(`SELECT set_config('kd.now', $1, false)`, [now.toISOString()]);
    try {
      return JSON.stringify((await client.query(probeSql)).rows[0]);
    } finally {
      await client.query(`RESET ROLE`);
    }
  }
  const checkpoints = async () =>
    (
      await admin.query<{ projection: string; last_seq: string }>(
        `SELECT projection, last_seq FROM kd.projection_checkpoints ORDER BY projection`,
      )
    ).rows;
  const leftovers = async () =>
    (
      await admin.query<{ name: string }>(
        `SELECT relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = 'kd'
            AND (relname LIKE '%\\_rebuild' OR relname LIKE '%\\_retired' OR relname LIKE '%\\_rb')
         UNION ALL SELECT projection FROM kd.projection_checkpoints WHERE projection LIKE '%\\_rebuild'
         ORDER BY 1`,
      )
    ).rows.map((r) => r.name);
  const everythingOnce = async () => {
    const head = String(events.length);
    expect(await tablePrints()).toEqual(reference.tables);
    expect(JSON.parse(await probeOnce())).toMatchObject({
      events: head,
      ids: head,
      commands: String(
        events.filter((e) => e.type === 'command.executed' && e.guildId !== null).length,
      ),
    });
    expect(await checkpoints()).toEqual(
      projections.map((p) => ({ projection: p.name, last_seq: head })).sort(byProjection),
    );
    expect(await leftovers()).toEqual([]);
    const { rows } = await admin.query(`SELECT count(*)::int AS n FROM kd.projection_dead_letters`);
    expect(rows).toEqual([{ n: 0 }]);
  };

  function rebuild(): Rebuild {
    const child = spawn(
      process.execPath,
      [resolve('dist/libs/read-models/src/cli/rebuild.js'), '--all'],
      {
        env: {
          PATH: process.env.PATH,
          TZ: 'UTC',
          DATABASE_URL: url(),
          NATS_URL: t.url,
          KD_STREAM: t.stream,
          KD_SUBJECT_PREFIX: t.subjectPrefix,
          PROJECTION_BATCH_SIZE: '500',
          PROJECTION_MAX_WAIT_MS: '50',
          LOG_LEVEL: 'warn',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const chunks: string[] = [];
    child.stdout.on('data', (d: Buffer) => chunks.push(d.toString()));
    child.stderr.on('data', (d: Buffer) => chunks.push(d.toString()));
    return {
      pid: child.pid ?? 0,
      kill: () => child.kill('SIGKILL'),
      exited: new Promise((done) =>
        child.once('exit', (code, signal) => done({ code, signal, output: chunks.join('') })),
      ),
    };
  }

  /**
   * An analyst reading the views as kd_analytics every few ms, reconnecting after an error:
   * every answer must be the reference (a whole read model, never an emptied or partial one).
   */
  function analyst() {
    const answers = { ok: 0, other: [] as string[], errors: 0, okAfterError: 0 };
    let stopped = false;
    const loop = (async () => {
      let client: pg.Client | undefined;
      while (!stopped) {
        try {
          if (!client) {
            client = new pg.Client({ connectionString: url(), application_name: 'faults-analyst' });
            client.on('error', () => undefined);
            await client.connect();
          }
          const answer = await probeOnce(client);
          if (answer === reference.probe) {
            answers.ok++;
            if (answers.errors > 0) answers.okAfterError++;
          } else answers.other.push(answer);
        } catch {
          answers.errors++;
          await client?.end().catch(() => undefined);
          client = undefined;
          await sleep(100);
        }
        await sleep(10);
      }
      await client?.end().catch(() => undefined);
    })();
    return {
      answers,
      stop: async () => {
        stopped = true;
        await loop;
        return answers;
      },
    };
  }

  async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, ms = 60_000) {
    const deadline = Date.now() + ms;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await sleep(5);
    }
  }

  it('SIGKILL of the CLI in the middle of a COPY batch: live tables untouched, the rerun applies each event once', async () => {
    const reader = analyst();
    const target = Math.floor(events.length * 0.6) + 123;
    const blocker = new pg.Client({ connectionString: url() });
    await blocker.connect();
    const cli = rebuild();
    let copying: { pid: number; tuples: string } | undefined;
    try {
      // A row of the shadow event log, uncommitted, at a seq the COPY will reach: the COPY waits
      // on it inside its batch, mid-statement, and is killed there.
      await waitFor('the shadow event log', async () => {
        const { rows } = await blocker.query(`SELECT to_regclass('kd.event_log_rebuild') AS t`);
        return rows[0]?.t ? true : undefined;
      });
      await blocker.query('BEGIN');
      await blocker.query(
        `INSERT INTO kd.event_log_rebuild (seq, id, type, version, recorded_version, occurred_at,
                                           recorded_at, actor_kind, actor_id, correlation_id, payload)
         VALUES ($1, 'fault-blocker', 'x', 1, 1, now(), now(), 'system', 'x', 'x', '{}')`,
        [target],
      );
      copying = await waitFor('a COPY batch waiting on the blocker', async () => {
        const { rows } = await admin.query<{ pid: number; tuples: string }>(
          `SELECT p.pid, p.tuples_processed AS tuples FROM pg_stat_progress_copy p
             JOIN pg_stat_activity a ON a.pid = p.pid
            WHERE a.application_name = 'kd-rebuild' AND a.wait_event_type = 'Lock'
              AND p.relid = 'kd.event_log_rebuild'::regclass AND p.tuples_processed > 0`,
        );
        return rows[0];
      });
      // `--all` is one pass: one consumer feeds every projection.
      const consumers: string[] = [];
      for await (const c of t.jsm.consumers.list(t.stream)) consumers.push(c.name);
      expect(consumers).toEqual(['proj_all_rebuild']);
      cli.kill();
      const exit = await cli.exited;
      expect(exit.signal).toBe('SIGKILL');
    } finally {
      await blocker.query('ROLLBACK').catch(() => undefined);
      await blocker.end();
    }
    expect(Number(copying?.tuples)).toBeGreaterThan(0);
    // The killed process's backends roll back and go.
    await waitFor('the killed rebuild to disconnect', async () => {
      const { rows } = await admin.query(
        `SELECT 1 FROM pg_stat_activity WHERE application_name = 'kd-rebuild'`,
      );
      return rows.length === 0 ? true : undefined;
    });
    expect(await tablePrints()).toEqual(reference.tables);
    // Its shadow tables are left over, for the next rebuild to drop.
    expect(await leftovers()).toEqual(expect.arrayContaining(['event_log_rebuild']));

    const rerun = rebuild();
    const done = await rerun.exited;
    expect(done).toMatchObject({ code: 0 });
    expect(done.output).toContain(`up to sequence ${events.length}`);
    process.stdout.write(`rerun after SIGKILL: ${done.output.trim()}\n`);
    const answers = await reader.stop();
    expect(answers).toMatchObject({ other: [], errors: 0 });
    expect(answers.ok).toBeGreaterThan(10);
    await everythingOnce();
  }, 240_000);

  it('PostgreSQL restarted during a rebuild: only unavailability while it is down, never a partial read model; each event once after the rerun', async () => {
    const reader = analyst();
    const cli = rebuild();
    const midway = await waitFor('the shadows half built', async () => {
      const { rows } = await admin.query<{ n: string }>(
        `SELECT min(last_seq) AS n FROM kd.projection_checkpoints WHERE projection LIKE '%\\_rebuild'`,
      );
      const n = Number(rows[0]?.n ?? 0);
      return n > 0 ? n : undefined;
    });
    expect(midway).toBeLessThan(events.length);
    await admin.end();
    postgres.restart();
    admin = new pg.Client({ connectionString: url() });
    await admin.connect();
    let first = await cli.exited;
    const runs = [first.code];
    // The rebuild may ride the restart out (its batches are retried); if not, run it again.
    if (first.code !== 0) {
      first = await rebuild().exited;
      runs.push(first.code);
    }
    expect(first.code).toBe(0);
    expect(first.output).toContain(`up to sequence ${events.length}`);
    await sleep(200);
    const answers = await reader.stop();
    // The restart cut the analyst off for a moment; every answer it did get was whole.
    expect(answers.other).toEqual([]);
    expect(answers.errors).toBeGreaterThan(0);
    expect(answers.okAfterError).toBeGreaterThan(0);
    await everythingOnce();
    process.stdout.write(
      `rebuild runs around the PostgreSQL restart: exit codes ${JSON.stringify(runs)}; analyst reads ${JSON.stringify(answers)}\n`,
    );
  }, 240_000);
});

const byProjection = (a: { projection: string }, b: { projection: string }) =>
  a.projection < b.projection ? -1 : a.projection > b.projection ? 1 : 0;
