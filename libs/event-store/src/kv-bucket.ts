import { JetStreamApiCodes, JetStreamApiError, type JetStreamClient } from '@nats-io/jetstream';
import { Kvm, type KV } from '@nats-io/kv';
import { EventStoreUnavailableError } from './errors.js';

export interface KvBucketOptions {
  /** Read on every call, so a connection that is (re)established later is picked up. */
  nats: { readonly js: JetStreamClient; readonly replicas?: number };
  /** See `bucketName`: installs and test runs sharing one NATS must not collide. */
  name: string;
  /** Entries older than this disappear (default: kept). */
  maxAgeMs?: number;
  /** Default: the connection's (`KD_STREAM_REPLICAS`). */
  replicas?: number;
}

/**
 * `open` on first use, its bucket kept; a failed open (NATS down, bucket not reachable) is not
 * kept, so the next call tries again. Every key-value bucket of the apps opens through this.
 */
export function lazyBucket(open: () => Promise<KV>): () => Promise<KV> {
  let opened: Promise<KV> | undefined;
  return () =>
    (opened ??= open().catch((error: unknown) => {
      opened = undefined;
      throw error;
    }));
}

/** `<stream>_<purpose>`: the bucket belongs to one event stream (one install, one test run). */
export const bucketName = (stream: string, purpose: string): string => `${stream}_${purpose}`;

/**
 * A JetStream key-value bucket holding strings: durable and immediately consistent (a read
 * after a write sees it, on any replica of the app). Created on first use, idempotently, by
 * whichever process gets there first. Failures are EventStoreUnavailableError.
 */
export class KvBucket {
  private readonly open = lazyBucket(() =>
    new Kvm(this.options.nats.js).create(this.options.name, {
      history: 1,
      ...(this.options.maxAgeMs ? { ttl: this.options.maxAgeMs } : {}),
      replicas: this.options.replicas ?? this.options.nats.replicas ?? 1,
    }),
  );

  constructor(private readonly options: KvBucketOptions) {}

  get name(): string {
    return this.options.name;
  }

  async get(key: string): Promise<string | undefined> {
    return this.call('get', async (kv) => {
      const entry = await kv.get(key);
      return entry && entry.operation === 'PUT' ? entry.string() : undefined;
    });
  }

  async put(key: string, value: string): Promise<void> {
    await this.call('put', (kv) => kv.put(key, value));
  }

  /** Writes the key only if it has no value: true for the one writer that got it. */
  async create(key: string, value: string): Promise<boolean> {
    try {
      await this.call('create', (kv) => kv.create(key, value), true);
      return true;
    } catch (error) {
      if (isWrongLastSequence(error)) return false;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await this.call('delete', (kv) => kv.purge(key));
  }

  /** Keys matching a NATS subject filter (`room.*`, `>`), in no particular order. */
  async keys(filter = '>'): Promise<string[]> {
    return this.call('keys', async (kv) => {
      const found: string[] = [];
      for await (const key of await kv.keys(filter)) found.push(key);
      return found;
    });
  }

  private async call<T>(
    action: string,
    run: (kv: KV) => Promise<T>,
    rethrowConflicts = false,
  ): Promise<T> {
    try {
      return await run(await this.open());
    } catch (error) {
      if (rethrowConflicts && isWrongLastSequence(error)) throw error;
      throw new EventStoreUnavailableError(
        `key-value bucket ${this.options.name}: ${action} failed: ${String(error)}`,
        error,
      );
    }
  }
}

/** A conditional write refused because the key changed (or exists): another writer was first. */
export function isWrongLastSequence(error: unknown): boolean {
  return (
    error instanceof JetStreamApiError &&
    (error.code === JetStreamApiCodes.StreamWrongLastSequence ||
      error.code === JetStreamApiCodes.StreamWrongLastSequenceUnknown)
  );
}
