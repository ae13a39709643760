import { BatchConsumer, type NatsClients } from '@kd/event-store';
import type { Logger } from '@kd/observability';
import type { ProjectionRunner } from './runner/projection-runner.js';

export interface CatchUpOptions {
  nats: Pick<NatsClients, 'js' | 'jsm'>;
  stream: string;
  subjectPrefix: string;
  logger: Logger;
  batchSize: number;
  maxWaitMs: number;
  /** Durable consumer name (a rebuild uses its own, so a running projector is not disturbed). */
  durable: string;
  onProgress?(checkpoint: number, head: number): void;
}

export const projectionDurable = (name: string): string => `proj_${name}`;

/**
 * Runs one projection until it has applied everything that was in the stream when it started,
 * through the same consumer and runner code as the projector. Used by rebuild and benchmarks.
 */
export async function catchUp(runner: ProjectionRunner, options: CatchUpOptions): Promise<number> {
  const { nats, stream } = options;
  const head = (await nats.jsm.streams.info(stream)).state.last_seq;
  let checkpoint = await runner.checkpoint();
  if (checkpoint >= head) return checkpoint;
  let reached: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (reached = resolve));
  const consumer = new BatchConsumer({
    ...options,
    js: nats.js,
    jsm: nats.jsm,
    resumeAfter: () => runner.checkpoint(),
    prepare: (batch) => runner.prepareBatch(batch),
    handle: async (prepared) => {
      const outcome = await runner.commitBatch(prepared);
      checkpoint = Math.max(checkpoint, outcome.lastSeq);
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
