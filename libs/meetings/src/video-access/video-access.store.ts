import { Kvm, type KV } from '@nats-io/kv';
import type { JetStreamClient } from '@nats-io/jetstream';
import { z } from 'zod';
import { EventStoreUnavailableError, lazyBucket } from '@kd/event-store';
import { noVideoAccess, type VideoAccess } from './video-access.js';

const accessSchema = z.object({
  recordings: z.array(z.object({ entryId: z.string(), meetingId: z.string() })),
  categoryIds: z.array(z.string()),
});

/** The KV bucket of an install: one per subject prefix, like the install's events. */
export function videoAccessBucket(subjectPrefix: string): string {
  return `video_access_${subjectPrefix.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

/**
 * Video access per guild in a JetStream KV bucket (key `guild.<guildId>`): durable and immediately
 * consistent (written before the recording's webhook or the operator's grant is acknowledged;
 * `allow_direct` off so a read never comes from a lagging replica), unlike the read models.
 * Changes are compare-and-set on the key's revision, retried on conflict.
 */
export class VideoAccessStore {
  private readonly bucket = lazyBucket(() =>
    new Kvm(this.options.js()).create(videoAccessBucket(this.options.subjectPrefix), {
      history: 1,
      allow_direct: false,
      replicas: this.options.replicas ?? 1,
    }),
  );

  constructor(
    private readonly options: {
      js: () => JetStreamClient;
      subjectPrefix: string;
      replicas?: number;
    },
  ) {}

  async read(guildId: string): Promise<VideoAccess> {
    return (await this.load(guildId)).access;
  }

  async change(guildId: string, apply: (access: VideoAccess) => VideoAccess): Promise<VideoAccess> {
    for (let attempt = 1; ; attempt++) {
      const { access, revision } = await this.load(guildId);
      const next = apply(access);
      if (next === access) return access;
      try {
        const kv = await this.kv();
        const data = JSON.stringify(next);
        if (revision === 0) await kv.create(keyOf(guildId), data);
        else await kv.update(keyOf(guildId), data, revision);
        return next;
      } catch (error) {
        if (attempt >= MAX_ATTEMPTS || !isConflict(error)) throw unavailable(error);
        // Writers that collided wait a random moment so they do not collide again in lockstep.
        await new Promise((done) => setTimeout(done, Math.random() * 10 * attempt));
      }
    }
  }

  private async load(guildId: string): Promise<{ access: VideoAccess; revision: number }> {
    try {
      const entry = await (await this.kv()).get(keyOf(guildId));
      if (!entry || entry.operation !== 'PUT') return { access: noVideoAccess, revision: 0 };
      return { access: accessSchema.parse(entry.json()), revision: entry.revision };
    } catch (error) {
      throw unavailable(error);
    }
  }

  private kv(): Promise<KV> {
    return this.bucket();
  }
}

const keyOf = (guildId: string) => `guild.${guildId}`;

/** Recordings of one guild arrive one at a time; many at once only in a burst of webhooks. */
const MAX_ATTEMPTS = 20;

function isConflict(error: unknown): boolean {
  return error instanceof Error && /wrong last sequence|key exists/i.test(error.message);
}

function unavailable(error: unknown): Error {
  if (error instanceof EventStoreUnavailableError) return error;
  return new EventStoreUnavailableError(`video access store: ${String(error)}`, error);
}
