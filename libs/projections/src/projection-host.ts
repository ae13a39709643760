import { BatchConsumer, personKeysOf, type NatsClients } from '@kd/event-store';
import type { Logger } from '@kd/observability';
import type { ProjectionRunner } from './runner/projection-runner.js';

export interface CatchUpOptions {
  nats: Pick<NatsClients, 'js' | 'jsm'>;
  stream: string;
  subjectPrefix: string;
  logger: Logger;
  batchSize: number;
  /** Largest batch while far behind (default `adaptiveBatchLimit(batchSize)`). */
  maxBatchSize?: number;
  maxWaitMs: number;
  /** Durable consumer name (a rebuild uses its own, so a running projector is not disturbed). */
  durable: string;
  /** Called after every batch with the lowest checkpoint of the runners and the target head. */
  onProgress?(checkpoint: number, head: number): void;
}

export const projectionDurable = (name: string): string => `proj_${name}`;

/**
 * How large batches may grow while a consumer is behind: five times the configured size, at most
 * 10,000 (COPY gains little beyond a few thousand rows per transaction, memory stays bounded).
 */
export const adaptiveBatchLimit = (batchSize: number): number =>
  Math.max(batchSize, Math.min(10_000, 5 * batchSize));

/**
 * Runs one projection until it has applied everything that was in the stream when it started,
 * through the same consumer and runner code as the projector. Used by rebuild and benchmarks.
 */
export async function catchUp(runner: ProjectionRunner, options: CatchUpOptions): Promise<number> {
  return catchUpAll([runner], options);
}

/**
 * Runs several projections in one pass over the stream, until each has applied everything that
 * was there when it started: one consumer reads and decodes every batch once, then each runner
 * commits it in its own transaction with its own checkpoint (in parallel, on separate
 * connections). The batch is acknowledged after every runner committed; a runner that fails is
 * retried with the whole batch, which the others skip (it is at or below their checkpoints).
 * Delivery starts after the lowest checkpoint. Returns the lowest checkpoint reached.
 */
export async function catchUpAll(
  runners: readonly ProjectionRunner[],
  options: CatchUpOptions,
): Promise<number> {
  const { nats, stream } = options;
  const head = (await nats.jsm.streams.info(stream)).state.last_seq;
  const lowest = async () => Math.min(...(await Promise.all(runners.map((r) => r.checkpoint()))));
  let checkpoint = await lowest();
  if (runners.length === 0 || checkpoint >= head) return checkpoint;
  const reachedBy = new Map(runners.map((r) => [r, 0]));
  let reached: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (reached = resolve));
  const [first] = runners;
  personKeysOf({ nats, stream });
  const consumer = new BatchConsumer({
    ...options,
    maxBatchSize: options.maxBatchSize ?? adaptiveBatchLimit(options.batchSize),
    js: nats.js,
    jsm: nats.jsm,
    resumeAfter: lowest,
    // Decoding does not depend on the projection: once per batch for all of them.
    prepare: (batch) => first!.prepareBatchInSlices(batch),
    handle: async (prepared) => {
      const outcomes = await Promise.all(runners.map((r) => r.commitBatch(prepared)));
      runners.forEach((r, i) =>
        reachedBy.set(r, Math.max(reachedBy.get(r) ?? 0, outcomes[i]?.lastSeq ?? 0)),
      );
      checkpoint = Math.max(checkpoint, Math.min(...reachedBy.values()));
      options.onProgress?.(checkpoint, head);
      if (checkpoint >= head) reached();
    },
  });
  await consumer.start();
  await done;
  await consumer.stop();
  await nats.jsm.consumers.delete(stream, options.durable).catch(() => false);
  return checkpoint;
}
