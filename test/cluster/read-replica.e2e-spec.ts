import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { eventFactory, snowflake } from '@kd/analytics-oracle';
import {
  createTestStream,
  privatePostgres,
  privateReplica,
  startApp,
  testApiToken,
  waitFor,
  type ChildApp,
  type PrivatePostgres,
  type TestStream,
} from '@kd/testing';

const database = 'kd_replica';
const guilds = 12;
const jwtSecret = 'replica-test-jwt-secret-0123456789';
/** Starting a Nest app takes seconds; on a machine loaded by other work, many more. */
const startTimeoutMs = 60_000;

/**
 * DATABASE_READ_URL: the projector writes the read models to the primary; the business gauges,
 * the api's insights and summary are read from a streaming replica (pg_basebackup -R), whose
 * figures equal the primary's once it has caught up, and whose lag is a metric.
 */
describe('analytics reads from a streaming read replica', () => {
  let primary: PrivatePostgres;
  let replica: PrivatePostgres;
  let t: TestStream;
  let projector: ChildApp;
  let api: ChildApp;
  const clients: pg.Client[] = [];

  const connect = async (url: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    primary = await privatePostgres();
    replica = await privateReplica(primary);
    t = await createTestStream();
    // As in production, the database exists (and has reached the replica) before the apps start.
    const admin = await connect(primary.url('postgres'));
    await admin.query(`CREATE DATABASE ${database}`);
    await waitFor(async () => {
      const probe = new pg.Client({ connectionString: replica.url(database) });
      const ok = await probe.connect().then(
        () => true,
        () => undefined,
      );
      await probe.end().catch(() => undefined);
      return ok;
    });
    const env = {
      DATABASE_URL: primary.url(database),
      DATABASE_READ_URL: replica.url(database),
      NATS_URL: t.url,
      KD_STREAM: t.stream,
      KD_SUBJECT_PREFIX: t.subjectPrefix,
    };
    projector = await startApp(
      'projector',
      {
        ...env,
        PROJECTION_MAX_WAIT_MS: '20',
        BUSINESS_METRICS_TTL_MS: '1000',
      },
      startTimeoutMs,
    );
    api = await startApp('api', { ...env, JWT_SECRET: jwtSecret }, startTimeoutMs);
  }, 180_000);
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.end()));
    await projector?.stop();
    await api?.stop();
    await t?.cleanup();
    replica?.dispose();
    primary?.dispose();
  });

  it('serves the same figures as the primary once caught up, and exports the lag', async () => {
    const f = eventFactory('replica');
    const now = new Date().toISOString();
    for (let g = 1; g <= guilds; g++) {
      await t.store.append(f.installed(snowflake(g), now, 10 + g));
      for (let c = 0; c < g; c++) await t.store.append(f.command(snowflake(g), now));
    }
    const onPrimary = await connect(primary.url(database));
    const head = (await t.jsm.streams.info(t.stream)).state.last_seq;
    await waitFor(
      async () => {
        const { rows } = await onPrimary.query<{ s: string }>(
          `SELECT min(last_seq) AS s FROM kd.projection_checkpoints`,
        );
        return Number(rows[0]?.s ?? 0) >= head || undefined;
      },
      { timeoutMs: 60_000 },
    );
    const onReplica = await connect(replica.url(database));
    expect((await onReplica.query('SELECT pg_is_in_recovery() AS r')).rows[0]).toEqual({ r: true });

    const figures = async (client: pg.Client) =>
      (
        await client.query(
          `SELECT (SELECT installed_guilds FROM analytics.retention_summary)::int AS installed,
                  (SELECT coalesce(sum(commands), 0) FROM analytics.guild_daily_activity)::int AS commands,
                  (SELECT count(*) FROM analytics.event_log)::int AS events`,
        )
      ).rows[0] as Record<string, number>;
    const expected = await figures(onPrimary);
    expect(expected).toEqual({
      installed: guilds,
      commands: (guilds * (guilds + 1)) / 2,
      events: head,
    });
    await waitFor(
      async () =>
        JSON.stringify(await figures(onReplica)) === JSON.stringify(expected) || undefined,
      { timeoutMs: 30_000 },
    );

    // The projector's business gauges come from the replica, and its lag is exported.
    const metrics = await waitFor(
      async () => {
        const text = await (await fetch(`${projector.url}/metrics`)).text();
        return /^kd_installed_guilds(\{[^}]*\})? 12$/m.test(text) ? text : undefined;
      },
      { timeoutMs: 30_000, what: 'kd_installed_guilds 12 from the replica' },
    );
    const lag = /^kd_db_replica_lag_seconds(?:\{[^}]*\})? (\S+)$/m.exec(metrics)?.[1];
    expect(Number(lag)).toBeGreaterThanOrEqual(0);
    expect(Number(lag)).toBeLessThan(5);

    // The api's install summary is read there too: its pool shows up on the replica only.
    const response = await fetch(`${api.url}/api/v1/metrics/summary`, {
      headers: { authorization: `Bearer ${testApiToken(jwtSecret, { scope: 'read operator' })}` },
    });
    expect(response.status).toBe(200);
    const readers = async (client: pg.Client) =>
      (
        await client.query<{ name: string }>(
          `SELECT DISTINCT application_name AS name FROM pg_stat_activity
           WHERE application_name LIKE 'kd-%-read' ORDER BY 1`,
        )
      ).rows.map((r) => r.name);
    expect(await readers(onReplica)).toEqual(['kd-api-read', 'kd-projector-read']);
    expect(await readers(onPrimary)).toEqual([]);
  }, 120_000);
});
