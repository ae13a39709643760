import { subjectTokenPattern, type Aggregate } from '@kd/events';
import { KvBucket, bucketName } from '../kv-bucket.js';

/** One aggregate's folded state as of `lastSeq`, the sequence of the last event folded into it. */
export interface AggregateSnapshot {
  /** The model that folded it (two models may read one aggregate). */
  model: string;
  /** The model's `snapshot.version` when it was written: another version is not read. */
  version: number;
  lastSeq: number;
  /** The model's `snapshot.toJson(state)`. */
  state: unknown;
}

export interface AggregateSnapshotsOptions {
  nats: { readonly js: KvBucketOptionsJs; readonly replicas?: number };
  stream: string;
}
type KvBucketOptionsJs = ConstructorParameters<typeof KvBucket>[0]['nats']['js'];

/**
 * Snapshots of aggregates in the key-value bucket `<stream>_SNAPSHOTS` (history 1, replicas as
 * the other buckets), keyed `<aggregate>.<id>`: a cache of folds, never the truth. `get` hands
 * back whatever is stored, parsed or not (undefined when absent or not a snapshot); the loader
 * decides whether it can use it. Failures are EventStoreUnavailableError.
 */
export class AggregateSnapshots {
  private readonly bucket: KvBucket;

  constructor(options: AggregateSnapshotsOptions) {
    this.bucket = new KvBucket({
      nats: options.nats,
      name: bucketName(options.stream, 'SNAPSHOTS'),
    });
  }

  get name(): string {
    return this.bucket.name;
  }

  async get(aggregate: Aggregate, id: string): Promise<AggregateSnapshot | undefined> {
    const raw = await this.bucket.get(snapshotKey(aggregate, id));
    return raw === undefined ? undefined : parseSnapshot(raw);
  }

  async put(aggregate: Aggregate, id: string, snapshot: AggregateSnapshot): Promise<void> {
    await this.bucket.put(snapshotKey(aggregate, id), JSON.stringify(snapshot));
  }

  /** Writes any text under the aggregate's key (tests: corrupt snapshots). */
  async putRaw(aggregate: Aggregate, id: string, value: string): Promise<void> {
    await this.bucket.put(snapshotKey(aggregate, id), value);
  }

  async delete(aggregate: Aggregate, id: string): Promise<void> {
    await this.bucket.delete(snapshotKey(aggregate, id));
  }
}

/**
 * `<aggregate>.<id>`: aggregate ids are subject tokens (`[A-Za-z0-9_-]`), all valid in a key;
 * anything else is refused rather than mapped onto another aggregate's key.
 */
export function snapshotKey(aggregate: Aggregate, id: string): string {
  if (!subjectTokenPattern.test(id)) throw new Error(`aggregate id "${id}" is not a subject token`);
  return `${aggregate}.${id}`;
}

function parseSnapshot(raw: string): AggregateSnapshot | undefined {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const s = value as Partial<AggregateSnapshot>;
  const valid =
    typeof s.model === 'string' &&
    Number.isInteger(s.version) &&
    Number.isInteger(s.lastSeq) &&
    (s.lastSeq ?? 0) > 0 &&
    'state' in s;
  return valid ? (s as AggregateSnapshot) : undefined;
}
