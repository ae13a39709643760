import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { eventFactory, snowflake } from '@kd/analytics-oracle';
import { EventStore, NatsClients } from '@kd/event-store';
import type { DomainEvent } from '@kd/events';
import {
  privateNatsServer,
  privatePostgres,
  startApp,
  testLogger,
  type ChildApp,
  type PrivateNatsServer,
  type PrivatePostgres,
} from '@kd/testing';

/** KD_FAULTS_LONG=1: a longer run with more events and repeated faults. */
const long = process.env.KD_FAULTS_LONG === '1';
const guilds = 20;
const stream = 'KD_FAULTS';
const subjectPrefix = 'kdfaults';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The event pipeline under faults: NATS stopped and restarted while events are published and
 * projected, PostgreSQL restarted under the projector, the projector killed with SIGKILL. After
 * recovery the read models must hold every event the sources sent, each exactly once.
 */
describe('pipeline faults: nothing lost, nothing counted twice', () => {
  let nats: PrivateNatsServer;
  let postgres: PrivatePostgres;
  let clients: NatsClients;
  let store: EventStore;
  let projector: ChildApp;
  const f = eventFactory('fault');
  const sent: DomainEvent[] = [];
  const faults: string[] = [];
  let finished = false;
  let retries = 0;

  const env = () => ({
    NATS_URL: nats.url,
    DATABASE_URL: postgres.url('kd_faults'),
    KD_STREAM: stream,
    KD_SUBJECT_PREFIX: subjectPrefix,
    PROJECTION_BATCH_SIZE: '100',
    PROJECTION_MAX_WAIT_MS: '20',
  });

  beforeAll(async () => {
    [nats, postgres] = await Promise.all([privateNatsServer(), privatePostgres()]);
    clients = new NatsClients({
      url: nats.url,
      name: 'faults-publisher',
      logger: testLogger('faults'),
      stream,
      subjectPrefix,
    });
    await clients.ready;
    store = new EventStore({ nats: clients, stream, subjectPrefix, publishTimeoutMs: 1000 });
    projector = await startApp('projector', env());
  });
  afterAll(async () => {
    finished = true;
    await projector?.stop();
    await clients?.close();
    await nats?.dispose();
    postgres?.dispose();
  });

  /** Appends until stored: a retry re-sends the same event id, which the store keeps once. */
  async function appendSurely(event: DomainEvent): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await store.append(event);
        return;
      } catch {
        retries++;
        if (attempt > 600 || finished) throw new Error(`could not append ${event.id}`);
        await sleep(100);
      }
    }
  }

  async function publishFor(ms: number, perSecond: number): Promise<void> {
    const until = Date.now() + ms;
    let n = 0;
    while (Date.now() < until && !finished) {
      const started = Date.now();
      const batch = Array.from({ length: perSecond / 10 }, () => {
        n++;
        const guild = snowflake(1 + (n % guilds));
        return f.command(guild, new Date().toISOString(), { user: snowflake(100 + (n % 37)) });
      });
      sent.push(...batch);
      await Promise.all(batch.map(appendSurely));
      await sleep(Math.max(0, 100 - (Date.now() - started)));
    }
  }

  async function inject(name: string, at: number, fault: () => Promise<void>): Promise<void> {
    await sleep(at);
    faults.push(name);
    await fault();
  }

  it('recovers from NATS, PostgreSQL and projector failures during steady traffic', async () => {
    for (let g = 1; g <= guilds; g++) {
      const installed = f.installed(snowflake(g), new Date().toISOString(), 10);
      sent.push(installed);
      await appendSurely(installed);
    }
    const rounds = long ? 4 : 1;
    const roundMs = 9_000;
    const traffic = publishFor(rounds * roundMs + 1_000, long ? 300 : 200);
    for (let round = 0; round < rounds; round++) {
      await inject('nats stop', 1_000, () => nats.stop());
      await inject('nats start', 1_500, () => nats.start());
      await inject('postgres restart', 1_500, async () => postgres.restart());
      await inject('projector SIGKILL', 1_500, async () => {
        await projector.stop('SIGKILL');
      });
      await inject('projector start', 500, async () => {
        projector = await startApp('projector', env());
      });
      await sleep(3_000);
    }
    await traffic;
    expect(faults).toHaveLength(rounds * 5);
    expect(retries).toBeGreaterThan(0); // the outage did hit the publisher

    const client = new pg.Client({ connectionString: postgres.url('kd_faults') });
    await client.connect();
    try {
      const streamInfo = await clients.jsm.streams.info(stream);
      // The store kept each event once, however often it was re-sent.
      expect(streamInfo.state.messages).toBe(sent.length);
      const head = streamInfo.state.last_seq;
      const deadline = Date.now() + 60_000;
      for (;;) {
        const { rows } = await client.query<{ p: string; s: string }>(
          `SELECT projection AS p, last_seq AS s FROM kd.projection_checkpoints
           WHERE projection IN ('event_log', 'analytics')`,
        );
        if (rows.length === 2 && rows.every((r) => Number(r.s) >= head)) break;
        if (Date.now() > deadline)
          throw new Error(`projections did not catch up to ${head}: ${JSON.stringify(rows)}`);
        await sleep(100);
      }
      const log = await client.query<{ n: number; ids: number }>(
        'SELECT count(*)::int AS n, count(DISTINCT id)::int AS ids FROM analytics.event_log',
      );
      expect(log.rows[0]).toEqual({ n: sent.length, ids: sent.length });
      const sentIds = new Set(sent.map((e) => e.id));
      const stored = await client.query<{ id: string }>('SELECT id FROM analytics.event_log');
      expect(stored.rows.filter((r) => !sentIds.has(r.id))).toEqual([]);

      await client.query(`SET kd.now = '${new Date(Date.now() + 2 * 86_400_000).toISOString()}'`);
      const commands = await client.query<{ n: number }>(
        'SELECT coalesce(sum(commands), 0)::int AS n FROM analytics.guild_daily_activity',
      );
      expect(commands.rows[0]?.n).toBe(sent.filter((e) => e.type === 'command.executed').length);
      const installed = await client.query<{ n: number }>(
        'SELECT installed_guilds AS n FROM analytics.retention_summary',
      );
      expect(Number(installed.rows[0]?.n)).toBe(guilds);
      const dead = await client.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM kd.projection_dead_letters',
      );
      expect(dead.rows[0]?.n).toBe(0);
    } finally {
      await client.end();
    }
  }, 180_000);
});
