import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { generateDiscordKeys } from '@kd/discord';
import { natsCluster, startApiStack, type ApiStack, type NatsCluster } from '@kd/testing';
import { ClusterTraffic, percentile } from './cluster-traffic.js';

/** KD_CLUSTER_LONG=1: the partition lasts 30 s (the figure) instead of 10 s. */
const long = process.env.KD_CLUSTER_LONG === '1';
const keys = generateDiscordKeys();
const webhookSecret = 'cluster-webhook-secret';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The api and the projector on a three-node JetStream cluster (R3 stream, consumers and buckets)
 * while nodes fail under steady signed traffic: the stream leader killed (while the projector
 * applies), a follower killed, both restarted, one node stopped for a while. Every request
 * answered 2xx is stored once and projected once; every other one is retried by its client
 * until it is, and then stored once too.
 */
describe('the system on a three-node JetStream cluster, nodes failing under traffic', () => {
  let cluster: NatsCluster;
  let stack: ApiStack;
  let db: pg.Client;
  const faults: { name: string; at: number; ms?: number }[] = [];
  let traffic: ClusterTraffic | undefined;

  beforeAll(async () => {
    cluster = await natsCluster(3);
    stack = await startApiStack({
      keys,
      nats: { url: cluster.url, replicas: 3 },
      apiEnv: { KALTURA_WEBHOOK_SECRET: webhookSecret },
      projectorEnv: { PROJECTION_MAX_WAIT_MS: '20', PROJECTION_BATCH_SIZE: '200' },
    });
    db = new pg.Client({ connectionString: stack.db.url });
    await db.connect();
  }, 120_000);
  afterAll(async () => {
    traffic?.stop();
    await traffic?.settle();
    await db?.end();
    await stack?.stop();
    await cluster?.dispose();
  });

  async function fault(name: string, run: () => Promise<unknown>) {
    const at = Date.now();
    await run();
    faults.push({ name, at, ms: Date.now() - at });
  }

  it('stores and projects every acknowledged request exactly once', async () => {
    const { t, api } = stack;
    traffic = new ClusterTraffic({
      apiUrls: () => [api.url],
      keys,
      webhookSecret,
      rate: 40,
    });
    const partitionMs = long ? 30_000 : 10_000;
    const load = traffic.run(20_000 + partitionMs);

    await sleep(3_000);
    const leader = await cluster.leaderOf(t.stream);
    const leaderKilledAt = Date.now();
    await fault(`SIGKILL stream leader ${cluster.nodes[leader]!.name}`, () => cluster.kill(leader));
    const next = await cluster.leaderOf(t.stream);
    const electionMs = Date.now() - leaderKilledAt;
    await sleep(2_000);
    await fault(`restart ${cluster.nodes[leader]!.name}`, () => cluster.start(leader));

    await sleep(2_000);
    const follower = [0, 1, 2].find((i) => i !== next)!;
    await fault(`SIGKILL follower ${cluster.nodes[follower]!.name}`, () => cluster.kill(follower));
    await sleep(2_000);
    await fault(`restart ${cluster.nodes[follower]!.name}`, () => cluster.start(follower));

    await sleep(1_000);
    const partitioned = await cluster.leaderOf(t.stream);
    await fault(`stop ${cluster.nodes[partitioned]!.name} for ${partitionMs / 1000} s`, () =>
      cluster.stop(partitioned),
    );
    await sleep(partitionMs);
    await fault(`start ${cluster.nodes[partitioned]!.name}`, () => cluster.start(partitioned));

    await load;
    await traffic.settle();

    const sent = traffic.sent;
    const unanswered = sent.filter((s) => s.answeredAt === undefined);
    expect(unanswered.map((s) => `${s.eventId}: ${s.failures.join(',')}`)).toEqual([]);

    // The stream: every answered request's event, once; nothing else.
    const ids = sent.map((s) => s.eventId);
    const stored = new Map<string, number>();
    const { state } = await t.jsm.streams.info(t.stream);
    for (let seq = Math.max(1, state.first_seq); seq <= state.last_seq; seq++) {
      const event = (await t.jsm.direct.getMessage(t.stream, { seq }))?.json<{ id: string }>();
      if (event) stored.set(event.id, (stored.get(event.id) ?? 0) + 1);
    }
    const missing = ids.filter((id) => !stored.has(id));
    const twice = [...stored].filter(([, n]) => n > 1);
    expect({ missing, twice }).toEqual({ missing: [], twice: [] });

    // The read model: once the projector has caught up, each event applied once.
    const head = state.last_seq;
    const deadline = Date.now() + 60_000;
    for (;;) {
      const { rows } = await db.query<{ s: string }>(
        `SELECT last_seq AS s FROM kd.projection_checkpoints WHERE projection = 'event_log'`,
      );
      if (Number(rows[0]?.s ?? 0) >= head) break;
      if (Date.now() > deadline) throw new Error(`event_log did not reach ${head}`);
      await sleep(200);
    }
    const projected = await db.query<{ id: string; n: number }>(
      'SELECT id, count(*)::int AS n FROM analytics.event_log WHERE id = ANY($1) GROUP BY id',
      [ids],
    );
    expect(projected.rows.filter((r) => r.n !== 1)).toEqual([]);
    expect(projected.rows).toHaveLength(ids.length);

    const answered = sent.flatMap((s) => (s.answeredAt ? [s.answeredAt - s.sentAt] : []));
    const firstTry = sent.filter((s) => s.attempts === 1).map((s) => s.attemptMs[0]!);
    const figures = {
      requests: sent.length,
      retried: sent.filter((s) => s.attempts > 1).length,
      failedAttempts: sent.reduce((n, s) => n + s.failures.length, 0),
      electionMs,
      p50FirstTryMs: percentile(firstTry, 50),
      p99FirstTryMs: percentile(firstTry, 99),
      p99UntilStoredMs: percentile(answered, 99),
      longestUntilStoredMs: Math.max(...answered),
      longestSilenceMs: traffic.longestSilenceMs(),
      faults: faults.map((f) => f.name),
    };
    process.stdout.write(`cluster faults: ${JSON.stringify(figures)}\n`);
    // Generous on a loaded 2-core machine, still meaningful: a failover is seconds, not minutes.
    expect(electionMs).toBeLessThan(20_000);
    expect(figures.longestSilenceMs).toBeLessThan(30_000);
  }, 180_000);
});
