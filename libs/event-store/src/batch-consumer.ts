import {
  AckPolicy,
  DeliverPolicy,
  type ConsumerMessages,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/nats-core';
import type { Context } from '@opentelemetry/api';
import type { Logger } from '@kd/observability';
import { producerContextOf, tracingEnabled, withBatchSpan } from '@kd/tracing';
import { MessageQueue } from './message-queue.js';
import { allSubjects } from './subjects.js';

export interface ConsumedMessage {
  seq: number;
  data: Uint8Array;
  redelivered: boolean;
  /** The producer's trace context from the message headers (only while tracing is on). */
  trace?: Context;
}

export interface BatchConsumerOptions<P = ConsumedMessage[]> {
  js: JetStreamClient;
  jsm: JetStreamManager;
  stream: string;
  subjectPrefix: string;
  durable: string;
  batchSize: number;
  /**
   * Adaptive batches: while the consumer is behind by more than `batchSize`, batches grow up to
   * this size (fewer transactions and round trips per event when catching up); once caught up
   * they are whatever arrived (small, for latency). Default: `batchSize` (fixed).
   */
  maxBatchSize?: number;
  /** Longest a message waits for its batch to fill before the batch is handed over anyway. */
  maxWaitMs: number;
  /** The last sequence the owner has durably handled (its checkpoint); delivery resumes after it. */
  resumeAfter(): Promise<number>;
  /**
   * Preparation (decoding) of a batch. It runs while the previous batch is still being handled,
   * so CPU work overlaps the handler's I/O; handlers still run one at a time. A preparation that
   * takes long should yield now and then (`decodeBatch` does), or the handler's round trips wait.
   */
  prepare?(batch: ConsumedMessage[]): P | Promise<P>;
  /** Must be all-or-nothing; the batch is acknowledged only after it resolves. */
  handle(prepared: P): Promise<void>;
  logger: Logger;
  /**
   * How long the server waits for an acknowledgement before delivering a message again (default
   * 60 s). Messages held here (queued or being handled) are kept alive with "in progress" every
   * third of it, so a slow handler (a notifier retrying Discord) never sees its messages twice.
   */
  ackWaitMs?: number;
}

/** Thrown by a handler that sees a sequence gap after its checkpoint: delivery restarts there. */
export class DeliveryGapError extends Error {
  constructor(
    readonly expectedSeq: number,
    readonly receivedSeq: number,
  ) {
    super(`delivery gap: expected sequence ${expectedSeq}, received ${receivedSeq}`);
  }
}

/**
 * Feeds a durable JetStream pull consumer (ack policy all) to a batch handler: batches of up to
 * `batchSize`, handed over as soon as they are full, the consumer has caught up, or `maxWaitMs`
 * passed. A failing handler is retried with backoff (the batch stays in memory); nothing is
 * acknowledged before it succeeds. On every start the consumer is recreated from the owner's
 * checkpoint, so messages left in flight by a killed process are delivered again at once.
 */
export class BatchConsumer<P = ConsumedMessage[]> {
  private readonly queue = new MessageQueue();
  private messages: ConsumerMessages | undefined;
  private stopped = false;
  private loop: Promise<void> | undefined;
  /** Bumped on every (re)subscription; batches taken before it are stale. */
  private generation = 0;
  /** Delivered and not yet acknowledged, by sequence: what the heartbeat keeps alive. */
  private readonly held = new Map<number, JsMsg>();
  private heartbeat: NodeJS.Timeout | undefined;
  /** A batch is being handled: a caught-up batch waits for it (see `MessageQueue.takeBatch`). */
  private handling = false;

  constructor(private readonly options: BatchConsumerOptions<P>) {}

  async start(): Promise<void> {
    await this.subscribe();
    this.loop = this.run();
    const every = Math.max(100, Math.floor(this.ackWaitMs() / 3));
    this.heartbeat = setInterval(() => {
      for (const message of this.held.values()) message.working();
    }, every);
    this.heartbeat.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.heartbeat);
    this.queue.wake();
    await this.messages?.close().catch(() => undefined);
    await this.loop;
  }

  private async subscribe(): Promise<void> {
    const { js, jsm, stream, durable } = this.options;
    const largest = this.largestBatch();
    const after = await this.options.resumeAfter();
    await jsm.consumers.delete(stream, durable).catch(() => false);
    await jsm.consumers.add(stream, {
      durable_name: durable,
      ack_policy: AckPolicy.All,
      deliver_policy: after > 0 ? DeliverPolicy.StartSequence : DeliverPolicy.All,
      ...(after > 0 ? { opt_start_seq: after + 1 } : {}),
      filter_subject: allSubjects(this.options.subjectPrefix),
      max_ack_pending: Math.max(4 * largest, 1024),
      ack_wait: nanos(this.ackWaitMs()),
      max_deliver: -1,
    });
    this.queue.clear();
    this.held.clear();
    this.generation++;
    const consumer = await js.consumers.get(stream, durable);
    this.messages = await consumer.consume({
      max_messages: Math.max(2 * largest, 256),
      callback: (message: JsMsg) => {
        this.held.set(message.seq, message);
        this.queue.push(message);
      },
    });
    this.options.logger.info({ durable, resumeAfter: after }, 'consumer subscribed');
  }

  private async run(): Promise<void> {
    let inFlight: Promise<boolean> | undefined;
    while (!this.stopped) {
      const generation = this.generation;
      const batch = await this.queue.takeBatch(
        () => this.batchSize(),
        this.options.maxWaitMs,
        () => this.stopped,
        () => this.handling,
      );
      const prepared = batch.length > 0 ? await this.prepare(batch) : undefined;
      await inFlight;
      inFlight = undefined;
      if (prepared === undefined || generation !== this.generation || this.stopped) continue;
      // Acknowledged as soon as it is handled; the next batch is prepared meanwhile.
      this.handling = true;
      inFlight = this.handleWithRetry(batch, prepared.value, prepared.links).then((handled) => {
        if (handled) this.ackThrough(highestSeq(batch));
        this.handling = false;
        this.queue.wake();
        return handled;
      });
    }
    await inFlight;
  }

  /** Ack policy "all": this acknowledges every held message up to its sequence. */
  private ackThrough(message: JsMsg): void {
    message.ack();
    for (const seq of this.held.keys()) if (seq <= message.seq) this.held.delete(seq);
  }

  /** `batchSize` when caught up, up to `maxBatchSize` while behind (see the option). */
  private batchSize(): number {
    const { batchSize } = this.options;
    return Math.min(this.largestBatch(), Math.max(batchSize, this.queue.backlog()));
  }

  private largestBatch(): number {
    return Math.max(this.options.batchSize, this.options.maxBatchSize ?? 0);
  }

  private ackWaitMs(): number {
    return this.options.ackWaitMs ?? 60_000;
  }

  /** Decodes a batch; while tracing is on, each message's producer context is read once. */
  private async prepare(batch: JsMsg[]): Promise<{ value: P; links: Context[] }> {
    const links: Context[] = [];
    const consumed: ConsumedMessage[] = tracingEnabled()
      ? batch.map((m) => {
          const producer = producerContextOf(m.headers);
          if (producer?.sampled) links.push(producer.context);
          return { ...consumedOf(m), trace: producer?.context };
        })
      : batch.map(consumedOf);
    const value = this.options.prepare ? await this.options.prepare(consumed) : (consumed as P);
    return { value, links };
  }

  /** Returns false when the batch was dropped because delivery restarted (gap) or we stopped. */
  private async handleWithRetry(batch: JsMsg[], prepared: P, links: Context[]): Promise<boolean> {
    for (let attempt = 1; !this.stopped; attempt++) {
      try {
        await withBatchSpan(this.options.durable, batch.length, links, () =>
          this.options.handle(prepared),
        );
        return true;
      } catch (error) {
        if (error instanceof DeliveryGapError) {
          this.options.logger.warn(
            { durable: this.options.durable, err: error.message },
            'restarting delivery',
          );
          await this.resubscribe();
          return false;
        }
        const delayMs = Math.min(30_000, 200 * 2 ** Math.min(attempt, 8));
        this.options.logger.error(
          { durable: this.options.durable, attempt, retryInMs: delayMs, err: String(error) },
          'batch failed, retrying',
        );
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        for (const m of batch) m.working();
      }
    }
    return false;
  }

  private async resubscribe(): Promise<void> {
    await this.messages?.close().catch(() => undefined);
    for (;;) {
      try {
        await this.subscribe();
        return;
      } catch (error) {
        this.options.logger.error(
          { durable: this.options.durable, err: String(error) },
          'resubscribe failed, retrying',
        );
        await new Promise((resolve) => setTimeout(resolve, 1000));
        if (this.stopped) return;
      }
    }
  }
}

function consumedOf(m: JsMsg): ConsumedMessage {
  return { seq: m.seq, data: m.data, redelivered: m.redelivered };
}

function highestSeq(batch: JsMsg[]): JsMsg {
  return batch.reduce((a, b) => (b.seq > a.seq ? b : a));
}
