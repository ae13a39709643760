import { KvBucket, bucketName, type KvBucketOptions } from '@kd/event-store';
import { z } from 'zod';

/** How long Confirm / Save stay valid after they were shown. */
export const pendingValidForMs = 10 * 60 * 1000;

const pendingSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('reset'), section: z.string() }),
  z.object({ action: z.literal('template'), kind: z.string(), key: z.string(), value: z.string() }),
]);
const storedSchema = z.intersection(
  pendingSchema,
  z.object({ guildId: z.string(), userId: z.string(), createdAt: z.number() }),
);

export type PendingChange = z.infer<typeof pendingSchema>;
export type StoredPendingChange = z.infer<typeof storedSchema>;

/**
 * A change shown for confirmation (a reset, a previewed template) until its button is pressed,
 * in a JetStream KV bucket: every replica and transport sees it at once, and it outlives a
 * restart. Keyed by the interaction that asked, which Discord made unique.
 */
export class PendingChanges {
  private readonly bucket: KvBucket;

  constructor(nats: KvBucketOptions['nats'], stream: string) {
    this.bucket = new KvBucket({
      nats,
      name: bucketName(stream, 'PENDING'),
      maxAgeMs: pendingValidForMs * 2,
    });
  }

  async put(
    id: string,
    change: PendingChange,
    who: { guildId: string; userId: string; now: Date },
  ): Promise<void> {
    const stored = {
      ...change,
      guildId: who.guildId,
      userId: who.userId,
      createdAt: who.now.getTime(),
    };
    await this.bucket.put(id, JSON.stringify(stored));
  }

  async get(id: string): Promise<StoredPendingChange | undefined> {
    const raw = await this.bucket.get(id);
    if (raw === undefined) return undefined;
    const parsed = storedSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  }

  async delete(id: string): Promise<void> {
    await this.bucket.delete(id);
  }
}
