import {
  jetstream,
  jetstreamManager,
  type JetStreamClient,
  type JetStreamManager,
} from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Logger } from '@kd/observability';
import { EventStoreUnavailableError } from './errors.js';
import { connectNats, type NatsAuth } from './nats-connection.js';
import { ensureStream, type StreamOptions } from './stream-provisioning.js';

export interface NatsClientsOptions extends StreamOptions {
  url: string;
  auth?: NatsAuth | undefined;
  name: string;
  logger: Logger;
}

/**
 * The process's one NATS connection, established in the background with retries so a process
 * started before NATS still comes up (health says "not ready" until it connects). Accessors
 * throw EventStoreUnavailableError until then.
 */
export class NatsClients {
  private connection:
    { nc: NatsConnection; js: JetStreamClient; jsm: JetStreamManager } | undefined;
  private readonly abort = new AbortController();
  readonly ready: Promise<void>;

  constructor(private readonly options: NatsClientsOptions) {
    this.ready = this.connect();
    this.ready.catch(() => undefined);
  }

  get nc(): NatsConnection {
    return this.require().nc;
  }
  get js(): JetStreamClient {
    return this.require().js;
  }
  get jsm(): JetStreamManager {
    return this.require().jsm;
  }
  /** Replicas of the stream and of the key-value buckets opened through this connection. */
  get replicas(): number {
    return this.options.replicas ?? 1;
  }
  get isConnected(): boolean {
    return this.connection !== undefined && !this.connection.nc.isClosed();
  }

  async close(): Promise<void> {
    this.abort.abort();
    await this.connection?.nc.drain().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const { url, auth, name, logger } = this.options;
    const nc = await connectNats({ url, auth, name, logger, signal: this.abort.signal });
    const jsm = await jetstreamManager(nc);
    await ensureStream(jsm, this.options);
    this.connection = { nc, js: jetstream(nc), jsm };
  }

  private require() {
    if (!this.connection) throw new EventStoreUnavailableError('NATS is not connected yet');
    return this.connection;
  }
}

/** Readiness: connected, and JetStream answers an API request. */
export async function checkJetStream(nats: NatsClients): Promise<void> {
  if (!nats.isConnected) throw new Error('not connected');
  await nats.jsm.getAccountInfo();
}
