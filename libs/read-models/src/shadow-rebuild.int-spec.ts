import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { eventLogProjection } from '@kd/event-log';
import { guildConfigProjection } from '@kd/guild-config';
import { newEvent } from '@kd/events';
import { meetingsProjection } from '@kd/meetings';
import {
  appRole,
  assignSchemasTo,
  catchUpAll,
  createDataSource,
  ProjectionRunner,
  rebuildWithShadows,
  type Projection,
} from '@kd/projections';
import {
  commandExecutedEvent,
  createTestDatabase,
  createTestStream,
  guildInstalledEvent,
  snowflakeFor,
  testLogger,
  type TestDatabase,
  type TestStream,
} from '@kd/testing';

const guildId = snowflakeFor(81);
const owner = snowflakeFor(82);
const tables = [
  'kd.event_log',
  'kd.meetings',
  'kd.meeting_participants',
  'kd.guild_config_overrides',
  'kd.guild_config_changes',
];
const views = [
  'analytics.event_log',
  'analytics.meetings',
  'analytics.meetings_live',
  'analytics.guild_configuration',
  'analytics.guild_config_changes',
];
const shadowed: Projection[] = [eventLogProjection, meetingsProjection, guildConfigProjection];

/** `projections:rebuild` without downtime: shadow tables, live ones serving, atomic swap. */
describe('shadow rebuild', () => {
  let db: TestDatabase;
  let t: TestStream;
  let dataSource: DataSource;
  const logger = testLogger('shadow-rebuild-test');

  beforeAll(async () => {
    [db, t] = await Promise.all([createTestDatabase(), createTestStream()]);
    dataSource = createDataSource({ url: db.url, applicationName: 'shadow-rebuild-test' });
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource.destroy();
    await Promise.all([db.drop(), t.cleanup()]);
  });

  const options = (durable: string) => ({
    nats: t,
    stream: t.stream,
    subjectPrefix: t.subjectPrefix,
    logger,
    batchSize: 40,
    maxBatchSize: 40,
    maxWaitMs: 200,
    durable,
  });
  /** The live projector's work, as the projector does it. */
  const liveRunners = () => shadowed.map((p) => new ProjectionRunner(p, dataSource, logger));
  const projectLive = () => catchUpAll(liveRunners(), options('proj_live'));
  const classicRebuild = async () => {
    const runners = liveRunners();
    for (const r of runners) await r.prepare({ forceRebuild: true });
    await catchUpAll(runners, options('classic'));
  };
  const fingerprint = async (relation: string) =>
    (
      await dataSource.query<{ f: string | null; n: string }[]>(
        `SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) AS f, count(*) AS n FROM ${relation} t`,
      )
    )[0];
  const prints = () => Promise.all([...tables, ...views].map(fingerprint));
  const leftovers = async () =>
    dataSource.query<{ name: string }[]>(
      `SELECT relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'kd' AND (relname LIKE '%\\_rebuild' OR relname LIKE '%\\_retired' OR relname LIKE '%\\_rb')
       UNION ALL SELECT projection FROM kd.projection_checkpoints WHERE projection LIKE '%\\_rebuild'`,
    );
  const appendMix = async (n: number, from: number) => {
    for (let i = from; i < from + n; i++) {
      const meetingId = `m${String(i % 17).padStart(10, '0')}`;
      const meta = { actor: { kind: 'user' as const, id: owner }, correlationId: `c${i}`, guildId };
      if (i % 5 === 0)
        await t.store.append(
          newEvent(
            'meeting.created',
            {
              meetingId,
              kalturaResourceId: '10001',
              type: 'webinar',
              title: `Title ${i}`,
              ownerUserId: owner,
              description: null,
            },
            meta,
          ),
        );
      else if (i % 5 === 1)
        await t.store.append(
          newEvent(
            'meeting.join_link_issued',
            { meetingId, userId: snowflakeFor(100 + (i % 7)), kalturaRole: 'viewerRole' },
            meta,
          ),
        );
      else if (i % 5 === 2)
        await t.store.append(
          newEvent(
            'config.updated',
            {
              key: 'features.webinars',
              oldValue: i % 2 === 0,
              newValue: i % 2 === 1,
              actorUserId: owner,
            },
            meta,
          ),
        );
      else await t.store.append(i % 2 ? commandExecutedEvent() : guildInstalledEvent());
    }
  };

  it('serves the old rows while building, swaps in the rows of a classic rebuild, views and names intact', async () => {
    await appendMix(300, 0);
    await projectLive();
    await classicRebuild();
    const classic = await prints();
    expect(Number(classic[1]?.n)).toBeGreaterThan(5);
    expect(Number(classic[2]?.n)).toBeGreaterThan(5);
    expect(Number(classic[4]?.n)).toBeGreaterThan(5);
    // Rows the rebuild must replace: live tables that are "wrong" (an older apply, say).
    await dataSource.query(`UPDATE kd.meetings SET title = 'stale'`);
    await dataSource.query(`DELETE FROM kd.guild_config_changes WHERE seq % 2 = 0`);
    await dataSource.query(`DELETE FROM kd.event_log WHERE seq % 10 = 0`);
    const stale = await prints();

    const midway: Promise<{ live: Awaited<ReturnType<typeof prints>>; shadow: number }>[] = [];
    let swaps = 0;
    const reached = await rebuildWithShadows(shadowed, {
      ...options('rebuild'),
      dataSource,
      onProgress: () =>
        swaps === 0 &&
        midway.push(
          (async () => ({
            live: await prints(),
            shadow: Number(
              (
                await dataSource.query<{ n: string }[]>(
                  `SELECT count(*) AS n FROM kd.event_log_rebuild`,
                )
              )[0]?.n,
            ),
          }))(),
        ),
      beforeSwap: async () => {
        // The live projector goes on meanwhile: the first swap finds it ahead and catches up.
        if (swaps++ === 0) {
          await appendMix(5, 300);
          await projectLive();
        }
      },
    });
    expect(reached).toBe(305);
    // Per projection: one swap found the live projector ahead, the next one (after the tail) swapped.
    expect(swaps).toBe(2 * shadowed.length);
    const seen = await Promise.all(midway);
    expect(seen.length).toBeGreaterThan(3);
    // Mid-way, analysts and Grafana still read the old rows, while the shadow fills up.
    for (const m of seen) expect(m.live).toEqual(stale);
    expect(seen.map((m) => m.shadow).some((n) => n > 0 && n < 300)).toBe(true);

    const swapped = await prints();
    expect(await leftovers()).toEqual([]);
    const checkpoints = await dataSource.query<{ projection: string; last_seq: string }[]>(
      `SELECT projection, last_seq FROM kd.projection_checkpoints ORDER BY projection`,
    );
    expect(checkpoints).toEqual([
      { projection: 'event_log', last_seq: '305' },
      { projection: 'guild_config', last_seq: '305' },
      { projection: 'meetings', last_seq: '305' },
    ]);
    // The same rows as a classic rebuild of the same stream.
    await classicRebuild();
    expect(swapped).toEqual(await prints());
    // The views read the new tables; index and constraint names are the migrations' again.
    expect(swapped[tables.length]).toEqual(swapped[0]);
    const names = await dataSource.query<{ name: string }[]>(
      `SELECT indexname AS name FROM pg_indexes WHERE schemaname = 'kd' AND tablename = ANY($1)
       UNION SELECT conname FROM pg_constraint WHERE conrelid = ANY($2::regclass[])
       ORDER BY 1`,
      [
        ['event_log', 'meetings', 'meeting_participants'],
        ['kd.event_log', 'kd.meetings', 'kd.meeting_participants'],
      ],
    );
    expect(names.map((n) => n.name)).toEqual(
      expect.arrayContaining([
        'event_log_pk',
        'event_log_id_uq',
        'event_log_type_occurred_at_ix',
        'meetings_pk',
        'meetings_open_ix',
        'meetings_type_ck',
        'meeting_participants_pk',
        'meeting_participants_meeting_fk',
      ]),
    );
    expect(names.some((n) => n.name.endsWith('_rb'))).toBe(false);
  });

  it('runs as kd_app, the role the CLI logs in as (owns kd and analytics, creates no schemas)', async () => {
    const url = new URL(db.url);
    url.username = 'kd_app';
    url.password = '';
    const asApp = createDataSource({ url: url.toString(), applicationName: 'shadow-rebuild-app' });
    await asApp.initialize();
    try {
      // What `migrations:run` does in a deployment: kd_app owns the schemas and their objects.
      await assignSchemasTo(dataSource, appRole);
      await dataSource.query(`UPDATE kd.meetings SET title = 'stale'`);
      await dataSource.query(`DELETE FROM kd.guild_config_changes WHERE seq % 2 = 0`);
      await rebuildWithShadows(shadowed, { ...options('as_app'), dataSource: asApp });
      const swapped = await prints();
      await classicRebuild();
      expect(swapped).toEqual(await prints());
      const owners = await dataSource.query<{ owner: string }[]>(
        `SELECT DISTINCT pg_get_userbyid(relowner) AS owner FROM pg_class
          WHERE oid = ANY($1::regclass[])`,
        [[...tables, ...views]],
      );
      expect(owners).toEqual([{ owner: 'kd_app' }]);
    } finally {
      await asApp.destroy();
    }
  });

  it('leaves the live tables untouched and drops the shadow when the rebuild fails before the swap', async () => {
    await dataSource.query(`UPDATE kd.meetings SET title = 'before the failed rebuild'`);
    const before = await prints();
    const checkpoints = await dataSource.query(
      `SELECT projection, last_seq FROM kd.projection_checkpoints ORDER BY projection`,
    );
    await expect(
      rebuildWithShadows(shadowed, {
        ...options('failing'),
        dataSource,
        beforeSwap: (p) =>
          p.name === 'meetings' ? Promise.reject(new Error('injected failure')) : Promise.resolve(),
      }),
    ).rejects.toThrow('injected failure');
    // event_log swapped before the failure (same rows); meetings and guild_config kept theirs.
    expect(await prints()).toEqual(before);
    expect(await leftovers()).toEqual([]);
    expect(
      await dataSource.query(
        `SELECT projection, last_seq FROM kd.projection_checkpoints ORDER BY projection`,
      ),
    ).toEqual(checkpoints);
  });
  /** A rebuild on its own pool, whose backends the test terminates (a crash, a failover). */
  const victimRebuild = async (
    durable: string,
    hooks: Pick<Parameters<typeof rebuildWithShadows>[1], 'onProgress' | 'beforeSwap'>,
  ) => {
    const victim = createDataSource({ url: db.url, applicationName: 'kd-rebuild-victim' });
    await victim.initialize();
    try {
      return await rebuildWithShadows(shadowed, {
        ...options(durable),
        dataSource: victim,
        ...hooks,
      });
    } finally {
      await victim.destroy();
    }
  };
  const terminateVictim = (where = '') =>
    dataSource.query<{ pid: number }[]>(
      `SELECT pid, pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE application_name = 'kd-rebuild-victim' ${where}`,
    );
  const liveCheckpoints = () =>
    dataSource.query(
      `SELECT projection, last_seq FROM kd.projection_checkpoints ORDER BY projection`,
    );

  it('keeps building when its database connections die mid-way (the batch is retried), and swaps in the same rows', async () => {
    await dataSource.query(`UPDATE kd.meetings SET title = 'before the crash'`);
    let progress = 0;
    const kills: Promise<number>[] = [];
    const reached = await victimRebuild('killed_mid_build', {
      onProgress: () => {
        // Mid-way through the shadow build, the rebuild's connections die (a crash, a restart).
        if (progress++ === 1) kills.push(terminateVictim().then((rows) => rows.length));
      },
    });
    expect((await Promise.all(kills)).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(reached).toBe(305);
    expect(await leftovers()).toEqual([]);
    const rebuilt = await prints();
    await classicRebuild();
    expect(rebuilt).toEqual(await prints());
  });

  it('leaves the live tables untouched when the swap itself is interrupted, and the next swap succeeds', async () => {
    await dataSource.query(`UPDATE kd.meetings SET title = 'before the interrupted swap'`);
    const before = await prints();
    const checkpoints = await liveCheckpoints();
    const blocker = dataSource.createQueryRunner();
    await blocker.connect();
    let interrupted = false;
    try {
      await expect(
        victimRebuild('interrupted_swap', {
          beforeSwap: async (p) => {
            if (p.name !== 'meetings' || interrupted) return;
            interrupted = true;
            // A reader holds the table, so the swap waits inside its transaction after the
            // renames' first lock; then its backend dies there.
            await blocker.startTransaction();
            await blocker.query(`LOCK TABLE kd.meeting_participants IN ACCESS SHARE MODE`);
            void (async () => {
              for (let i = 0; i < 200; i++) {
                const killed = await terminateVictim(`AND wait_event_type = 'Lock'`);
                if (killed.length > 0) break;
                await new Promise((r) => setTimeout(r, 25));
              }
              await blocker.rollbackTransaction();
            })();
          },
        }),
      ).rejects.toThrow();
    } finally {
      if (blocker.isTransactionActive) await blocker.rollbackTransaction();
      await blocker.release();
    }
    expect(interrupted).toBe(true);
    // event_log swapped before (same rows); meetings' swap rolled back whole.
    expect(await prints()).toEqual(before);
    expect(await liveCheckpoints()).toEqual(checkpoints);
    await victimRebuild('after_interrupted_swap', {});
    expect(await leftovers()).toEqual([]);
    const rebuilt = await prints();
    await classicRebuild();
    expect(rebuilt).toEqual(await prints());
  });
});
