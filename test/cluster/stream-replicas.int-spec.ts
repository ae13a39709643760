import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadConfig, commonEnv } from '@kd/config';
import { z } from 'zod';
import { AckPolicy } from '@nats-io/jetstream';
import { EventStore, KvBucket, NatsClients, RateWindows, bucketName } from '@kd/event-store';
import { guildInstalledEvent, natsCluster, testLogger, type NatsCluster } from '@kd/testing';

const stream = 'KD_REPLICAS';
const subjectPrefix = 'kdreplicas';

/**
 * KD_STREAM_REPLICAS on a three-node JetStream cluster: the stream, its consumers and the
 * key-value buckets are R3, a NATS_URL naming every node connects, and a killed stream leader
 * is replaced while the two others keep the stream.
 */
describe('KD_STREAM_REPLICAS on a three-node cluster', () => {
  let cluster: NatsCluster;
  let nats: NatsClients;

  beforeAll(async () => {
    cluster = await natsCluster(3);
    const config = loadConfig('replicas-test', z.object(commonEnv), {
      NATS_URL: cluster.nodes.map((n) => ` ${n.url}`).join(','),
      KD_STREAM: stream,
      KD_SUBJECT_PREFIX: subjectPrefix,
      KD_STREAM_REPLICAS: '3',
    });
    nats = new NatsClients({
      url: config.NATS_URL,
      name: 'replicas-test',
      logger: testLogger('replicas'),
      stream: config.KD_STREAM,
      subjectPrefix: config.KD_SUBJECT_PREFIX,
      replicas: config.KD_STREAM_REPLICAS,
    });
    await nats.ready;
  }, 60_000);
  afterAll(async () => {
    await nats?.close();
    await cluster?.dispose();
  });

  it('rejects a NATS_URL that is not a list of server URLs', () => {
    expect(() =>
      loadConfig('replicas-test', z.object(commonEnv), { NATS_URL: 'nats://a:4222,,http://b/x' }),
    ).toThrow(/NATS_URL/);
  });

  it('creates the stream, its consumers and key-value buckets with three replicas', async () => {
    const info = await nats.jsm.streams.info(stream);
    expect(info.config.num_replicas).toBe(3);
    expect(info.cluster?.replicas).toHaveLength(2);

    await nats.jsm.consumers.add(stream, { durable_name: 'probe', ack_policy: AckPolicy.All });
    const consumer = await nats.jsm.consumers.info(stream, 'probe');
    // 0 = as many as the stream: the consumer's state is replicated with it.
    expect(consumer.config.num_replicas ?? 0).toBe(0);
    expect(consumer.cluster?.replicas).toHaveLength(2);

    const bucket = new KvBucket({ nats, name: bucketName(stream, 'PROBE') });
    await bucket.put('k', 'v');
    const kv = await nats.jsm.streams.info(`KV_${bucketName(stream, 'PROBE')}`);
    expect(kv.config.num_replicas).toBe(3);

    const windows = new RateWindows({ nats, stream });
    await windows.take('user.1', { limit: 1, windowMs: 60_000 }, new Date());
    expect((await nats.jsm.streams.info(`KV_${stream}_rate`)).config.num_replicas).toBe(3);
  });

  it('elects a new leader when the leader is killed and keeps every stored event', async () => {
    const store = new EventStore({ nats, stream, subjectPrefix, publishTimeoutMs: 2000 });
    for (let g = 1; g <= 20; g++) await store.append(guildInstalledEvent());
    const leader = await cluster.leaderOf(stream);
    const killedAt = Date.now();
    await cluster.kill(leader);
    const next = await cluster.leaderOf(stream);
    expect(next).not.toBe(leader);
    const electedMs = Date.now() - killedAt;
    expect(electedMs).toBeLessThan(20_000);
    const info = await nats.jsm.streams.info(stream);
    expect(info.state.messages).toBe(20);
    await cluster.start(leader);
    // The restarted node catches up as a follower.
    const deadline = Date.now() + 20_000;
    for (;;) {
      const replicas = (await nats.jsm.streams.info(stream)).cluster?.replicas ?? [];
      if (replicas.length === 2 && replicas.every((r) => r.current)) break;
      if (Date.now() > deadline)
        throw new Error(`replicas not current: ${JSON.stringify(replicas)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }, 60_000);
});
