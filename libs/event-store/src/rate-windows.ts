import { JetStreamApiCodes, JetStreamApiError } from '@nats-io/jetstream';
import { Kvm, type KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import { EventStoreUnavailableError } from './errors.js';
import { lazyBucket } from './kv-bucket.js';

/** At most `limit` takes per `windowMs` (a sliding window); a limit of 0 turns the rule off. */
export interface RateRule {
  limit: number;
  windowMs: number;
}

export interface RateDecision {
  allowed: boolean;
  /** When the oldest counted take leaves the window (0 when allowed). */
  retryAfterMs: number;
  /** The takes still in the window, this one included when allowed (epoch ms). */
  stamps: number[];
}

/** Pure: whether one more take fits the window at `now`, given the earlier takes. */
export function decideRate(stamps: readonly number[], rule: RateRule, now: number): RateDecision {
  const recent = stamps.filter((t) => t > now - rule.windowMs).sort((a, b) => a - b);
  if (rule.limit <= 0) return { allowed: true, retryAfterMs: 0, stamps: [] };
  if (recent.length < rule.limit)
    return { allowed: true, retryAfterMs: 0, stamps: [...recent, now] };
  const oldestCounted = recent[recent.length - rule.limit] ?? now;
  return { allowed: false, retryAfterMs: oldestCounted + rule.windowMs - now, stamps: recent };
}

/** The KV bucket of rate windows beside a stream (its name is derived, so test streams get their own). */
export const rateBucketOf = (stream: string): string => `${stream}_rate`;

export interface RateWindowsOptions {
  /** Read on every call, so a connection that is (re)established later is picked up. */
  nats: { readonly nc: NatsConnection; readonly replicas?: number };
  stream: string;
  replicas?: number;
  /** Keys untouched this long are dropped by the server (longer than any window). */
  maxAgeMs?: number;
  maxAttempts?: number;
}

/**
 * Sliding-window counters in a JetStream KV bucket, one key per subject of a limit: every process
 * (api replicas, the bot) decides from the same durable state, and a take is a compare-and-set on
 * the key's revision, so two concurrent takes never both get the last slot.
 */
export class RateWindows {
  private readonly bucket = lazyBucket(() =>
    new Kvm(this.options.nats.nc).create(rateBucketOf(this.options.stream), {
      history: 1,
      replicas: this.options.replicas ?? this.options.nats.replicas ?? 1,
      ttl: this.options.maxAgeMs ?? 7 * 24 * 3600 * 1000,
    }),
  );

  constructor(private readonly options: RateWindowsOptions) {}

  async take(key: string, rule: RateRule, now: Date): Promise<RateDecision> {
    if (rule.limit <= 0) return decideRate([], rule, now.getTime());
    const kv = await this.kv();
    for (let attempt = 1; ; attempt++) {
      const entry = await kv.get(key);
      const stamps = entry?.operation === 'PUT' ? parseStamps(entry.string()) : [];
      const decision = decideRate(stamps, rule, now.getTime());
      if (!decision.allowed) return decision;
      try {
        const value = JSON.stringify(decision.stamps);
        if (entry) await kv.update(key, value, entry.revision);
        else await kv.create(key, value);
        return decision;
      } catch (error) {
        if (!isConflict(error) || attempt >= (this.options.maxAttempts ?? 10)) throw error;
      }
    }
  }

  private kv(): Promise<KV> {
    return this.bucket().catch((error: unknown) => {
      throw new EventStoreUnavailableError(`rate windows unavailable: ${String(error)}`, error);
    });
  }
}

function parseStamps(text: string): number[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((t): t is number => Number.isFinite(t)) : [];
  } catch {
    return [];
  }
}

function isConflict(error: unknown): boolean {
  if (error instanceof JetStreamApiError)
    return error.code === JetStreamApiCodes.StreamWrongLastSequence;
  return /wrong last sequence/i.test(String(error));
}
