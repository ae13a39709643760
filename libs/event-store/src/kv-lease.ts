import { randomUUID } from 'node:crypto';
import type { JetStreamClient } from '@nats-io/jetstream';
import { Kvm, type KV } from '@nats-io/kv';
import type { Logger } from '@kd/observability';
import { bucketName, isWrongLastSequence, lazyBucket } from './kv-bucket.js';

export interface KvLeaseOptions {
  /** Read on every call, so a connection that is (re)established later is picked up. */
  nats: { readonly js: JetStreamClient; readonly replicas?: number };
  /** The event stream the lease belongs to (bucket `<stream>_LEASES`). */
  stream: string;
  /** What is leased, e.g. `notifier`: the key in the bucket. */
  key: string;
  logger: Logger;
  /** A holder that wrote nothing for this long has lost the lease (the bucket's max age). */
  ttlMs?: number;
  /** How often a waiting process tries again (ms). The holder renews every third of `ttlMs`. */
  pollMs?: number;
  /** Another process may hold the lease now (it took it, or renewing failed too long): stop at once. */
  onLost: (reason: string) => void;
}

export const leaseBucket = (stream: string): string => bucketName(stream, 'LEASES');

/**
 * One active process per leased role, held in a JetStream key-value bucket whose entries expire
 * after `ttlMs`: the holder writes the key first (create, so only one can) and rewrites it (update
 * at its revision) every third of the TTL. A SIGKILLed holder writes nothing more, its entry
 * expires and a waiting process takes the lease within `ttlMs + pollMs`. A holder that could not
 * renew for `ttlMs` (NATS unreachable) or finds another holder's revision reports the lease lost.
 */
export class KvLease {
  private readonly holder = randomUUID();
  private readonly bucket = lazyBucket(() =>
    new Kvm(this.options.nats.js).create(leaseBucket(this.options.stream), {
      history: 1,
      ttl: this.ttlMs(),
      replicas: this.options.nats.replicas ?? 1,
    }),
  );
  private revision = 0;
  private renewedAt = 0;
  private renewal: NodeJS.Timeout | undefined;
  private released = false;

  constructor(private readonly options: KvLeaseOptions) {}

  /** Resolves once this process holds the lease; waits as long as it takes. */
  async acquire(): Promise<void> {
    let waitingLogged = false;
    while (!this.released) {
      try {
        this.revision = await (await this.bucket()).create(this.options.key, this.holder);
        this.renewedAt = Date.now();
        this.options.logger.info({ lease: this.options.key }, 'lease acquired');
        this.renewEvery(Math.max(100, Math.floor(this.ttlMs() / 3)));
        return;
      } catch (error) {
        if (!waitingLogged)
          this.options.logger.info(
            { lease: this.options.key, err: String(error) },
            'another process holds the lease: standing by',
          );
        waitingLogged = true;
      }
      await new Promise((r) => setTimeout(r, this.options.pollMs ?? 1000));
    }
    throw new Error(`lease ${this.options.key}: released while waiting`);
  }

  /** Gives the lease up (a waiting process takes it at its next poll). */
  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    clearInterval(this.renewal);
    if (this.revision === 0) return;
    const kv = await this.bucket().catch(() => undefined);
    await kv?.delete(this.options.key, { previousSeq: this.revision }).catch(() => undefined);
  }

  private renewEvery(everyMs: number): void {
    let renewing = false;
    this.renewal = setInterval(() => {
      if (renewing || this.released) return;
      renewing = true;
      void this.renew()
        .catch((error: unknown) => this.lost(error))
        .finally(() => (renewing = false));
    }, everyMs);
    this.renewal.unref();
  }

  private async renew(): Promise<void> {
    const kv: KV = await this.bucket();
    this.revision = await kv.update(this.options.key, this.holder, this.revision);
    this.renewedAt = Date.now();
  }

  /** A refused update means another holder; a failed one is tolerated until the TTL is spent. */
  private lost(error: unknown): void {
    const refused = isWrongLastSequence(error);
    const expired = Date.now() - this.renewedAt >= this.ttlMs();
    this.options.logger.warn(
      { lease: this.options.key, err: String(error) },
      'lease renewal failed',
    );
    if (!refused && !expired) return;
    clearInterval(this.renewal);
    if (!this.released) this.options.onLost(String(error));
  }

  private ttlMs(): number {
    return this.options.ttlMs ?? 6000;
  }
}
