import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { eventFactory, snowflake } from '@kd/analytics-oracle';
import type { DomainEvent } from '@kd/events';
import {
  createTestDatabase,
  createTestStream,
  sharedEnv,
  startApp,
  waitFor,
  type ChildApp,
  type TestDatabase,
  type TestStream,
} from '@kd/testing';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const acquired = (app: ChildApp) => app.logs.some((l) => l.includes('projection lease acquired'));

/**
 * Two projectors of the same projections: one applies (it holds the lease), the other stands
 * by; after the active one is SIGKILLed the standby takes over within seconds, and every event
 * is applied exactly once.
 */
describe('two projectors: one active, the other taking over after SIGKILL', () => {
  let db: TestDatabase;
  let t: TestStream;
  let client: pg.Client;
  const apps: ChildApp[] = [];
  const f = eventFactory('lease');
  const sent: DomainEvent[] = [];

  const env = () => ({
    ...sharedEnv(db, t),
    PROJECTION_MAX_WAIT_MS: '20',
    PROJECTION_BATCH_SIZE: '100',
  });
  const checkpoint = async () =>
    Number(
      (
        await client.query<{ s: string }>(
          `SELECT last_seq AS s FROM kd.projection_checkpoints WHERE projection = 'event_log'`,
        )
      ).rows[0]?.s ?? 0,
    );

  beforeAll(async () => {
    [db, t] = await Promise.all([createTestDatabase(), createTestStream()]);
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
  });
  afterAll(async () => {
    await Promise.all(apps.map((a) => a.stop()));
    await client?.end();
    await t?.cleanup();
    await db?.drop();
  });

  it('hands the projections over in under 10 s and applies each event once', async () => {
    const first = await startApp('projector', env(), 60_000);
    apps.push(first);
    await waitFor(() => acquired(first) || undefined, { what: 'the first lease' });
    const second = await startApp('projector', env(), 60_000);
    apps.push(second);
    await waitFor(() => second.logs.some((l) => l.includes('standing by')) || undefined, {
      what: 'the second projector standing by',
    });

    let publishing = true;
    const publisher = (async () => {
      for (let n = 0; publishing; n++) {
        const event = f.command(snowflake(1 + (n % 7)), new Date().toISOString());
        await t.store.append(event);
        sent.push(event);
        await sleep(5);
      }
    })();
    await sleep(2000);
    expect(acquired(second)).toBe(false);
    const applied = await checkpoint();
    expect(applied).toBeGreaterThan(0);

    await first.stop('SIGKILL');
    const killedAt = Date.now();
    await waitFor(() => acquired(second) || undefined, {
      timeoutMs: 20_000,
      intervalMs: 20,
      what: 'the standby taking the lease',
    });
    const leaseMs = Date.now() - killedAt;
    // Taken over = the standby has applied something the first one had not.
    const before = await checkpoint();
    await waitFor(async () => ((await checkpoint()) > before ? true : undefined), {
      timeoutMs: 20_000,
      intervalMs: 20,
      what: 'the standby applying',
    });
    const takeoverMs = Date.now() - killedAt;
    await sleep(1000);
    publishing = false;
    await publisher;

    const head = (await t.jsm.streams.info(t.stream)).state.last_seq;
    await waitFor(async () => ((await checkpoint()) >= head ? true : undefined), {
      timeoutMs: 30_000,
      what: `event_log at ${head}`,
    });
    const log = await client.query<{ n: number; ids: number }>(
      'SELECT count(*)::int AS n, count(DISTINCT id)::int AS ids FROM analytics.event_log',
    );
    expect(log.rows[0]).toEqual({ n: sent.length, ids: sent.length });
    await client.query(`SET kd.now = '${new Date(Date.now() + 2 * 86_400_000).toISOString()}'`);
    const commands = await client.query<{ n: number }>(
      'SELECT coalesce(sum(commands), 0)::int AS n FROM analytics.guild_daily_activity',
    );
    expect(commands.rows[0]?.n).toBe(sent.length);
    process.stdout.write(
      `projector failover: ${JSON.stringify({ events: sent.length, leaseMs, takeoverMs })}\n`,
    );
    expect(takeoverMs).toBeLessThan(10_000);
  }, 180_000);
});
