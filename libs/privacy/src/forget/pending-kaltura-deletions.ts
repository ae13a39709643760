import { randomUUID } from 'node:crypto';
import { bucketName, KvBucket, type KvBucketOptions } from '@kd/event-store';

/**
 * Kaltura deletions still owed to forgotten people (`kaltura.<random>` → Kaltura user id), beside
 * the person keys: the one place a forgotten id waits, until Kaltura confirms (docs/privacy.md).
 */
export class PendingKalturaDeletions {
  private readonly bucket: KvBucket;

  constructor(options: { nats: KvBucketOptions['nats']; stream: string }) {
    this.bucket = new KvBucket({ nats: options.nats, name: bucketName(options.stream, 'PRIVACY') });
  }

  async add(kalturaUserId: string): Promise<string> {
    const entry = `kaltura.${randomUUID()}`;
    await this.bucket.put(entry, kalturaUserId);
    return entry;
  }

  async done(entry: string): Promise<void> {
    await this.bucket.delete(entry);
  }

  async all(): Promise<{ entry: string; kalturaUserId: string }[]> {
    const entries = await this.bucket.keys('kaltura.*');
    const values = await Promise.all(entries.map((entry) => this.bucket.get(entry)));
    return entries.flatMap((entry, i) => (values[i] ? [{ entry, kalturaUserId: values[i] }] : []));
  }
}
