import { randomBytes } from 'node:crypto';
import {
  jetstream,
  jetstreamManager,
  type JetStreamClient,
  type JetStreamManager,
} from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { connectNats, ensureStream, EventStore } from '@kd/event-store';
import type { DomainEvent } from '@kd/events';
import { videoAccessBucket } from '@kd/meetings';
import { testLogger } from './test-logger.js';

export const testNatsUrl = process.env.KD_TEST_NATS_URL ?? 'nats://127.0.0.1:4222';

export interface TestStream {
  /** The NATS_URL of the servers it lives on. */
  url: string;
  replicas: number;
  nc: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
  stream: string;
  subjectPrefix: string;
  store: EventStore;
  /** Every stored event of this type, in stream order, as written (not upcast). */
  eventsOfType(type: string): Promise<DomainEvent[]>;
  cleanup(): Promise<void>;
}

export interface TestStreamOptions {
  duplicateWindowMs?: number;
  /** Other servers than the shared one (a private server or cluster: `natsCluster(3).url`). */
  url?: string;
  replicas?: number;
}

/**
 * Deletes a stream and the key-value buckets the apps made beside it (KvBucket names them
 * `<stream>_<purpose>`: person keys, snapshots, …), which otherwise stay on the server.
 */
export async function deleteStreamWithBuckets(
  jsm: JetStreamManager,
  stream: string,
): Promise<void> {
  await jsm.streams.delete(stream).catch(() => false);
  for await (const name of jsm.streams.names())
    if (name.startsWith(`KV_${stream}_`)) await jsm.streams.delete(name).catch(() => false);
}

/** Its own stream and subject prefix on the shared NATS server, deleted by cleanup(). */
export async function createTestStream(options: TestStreamOptions = {}): Promise<TestStream> {
  const id = randomBytes(5).toString('hex');
  const stream = `KD_TEST_${id}`;
  const subjectPrefix = `kdtest.${id}`;
  const url = options.url ?? testNatsUrl;
  const replicas = options.replicas ?? 1;
  const nc = await connectNats({
    url,
    name: `test-${id}`,
    logger: testLogger('nats'),
    maxAttempts: 3,
  });
  const js = jetstream(nc);
  const jsm = await jetstreamManager(nc);
  await ensureStream(jsm, {
    stream,
    subjectPrefix,
    replicas,
    ...(options.duplicateWindowMs ? { duplicateWindowMs: options.duplicateWindowMs } : {}),
  });
  const store = new EventStore({ nats: { nc, js, jsm }, stream, subjectPrefix });
  return {
    url,
    replicas,
    nc,
    js,
    jsm,
    stream,
    subjectPrefix,
    store,
    async eventsOfType(type) {
      const { state } = await jsm.streams.info(stream);
      const found: DomainEvent[] = [];
      // An empty stream reports first_seq 0.
      for (let seq = Math.max(1, state.first_seq); seq <= state.last_seq; seq++) {
        const event = (await jsm.direct.getMessage(stream, { seq }))?.json<DomainEvent>();
        if (event?.type === type) found.push(event);
      }
      return found;
    },
    async cleanup() {
      await deleteStreamWithBuckets(jsm, stream);
      // KV buckets of this prefix (video access): a KV bucket is the stream KV_<bucket>.
      await jsm.streams.delete(`KV_${videoAccessBucket(subjectPrefix)}`).catch(() => false);
      await nc.close();
    },
  };
}
