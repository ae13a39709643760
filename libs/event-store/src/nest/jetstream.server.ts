import { Server, type CustomTransportStrategy, type MessageHandler } from '@nestjs/microservices';
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import { lastValueFrom } from 'rxjs';
import type { Logger } from '@kd/observability';
import { withDeliverySpan } from '@kd/tracing';
import { BatchConsumer, type ConsumedMessage } from '../batch-consumer.js';
import { decodeStored } from '../recorded-event.js';
import { ensureKeysFor, personKeysOf } from '../person-keys/keyring-registry.js';
import type { PersonKeys } from '../person-keys/person-keys.js';
import { consumerAckFloor } from './consumer-position.js';

/** Extras of a handler registered with `addBatchHandler`: it receives whole batches. */
export interface BatchHandlerExtras {
  batch: true;
  durable: string;
  /** The handler's own checkpoint; delivery resumes after it. */
  resumeAfter(): Promise<number>;
  /** Synchronous preparation run while the previous batch is still being handled. */
  prepare?(batch: ConsumedMessage[]): unknown;
  batchSize?: number;
  /** Batches grow up to this size while the consumer is behind (BatchConsumerOptions). */
  maxBatchSize?: number;
  maxWaitMs?: number;
}

export interface JetStreamServerOptions {
  js: JetStreamClient;
  jsm: JetStreamManager;
  stream: string;
  subjectPrefix: string;
  logger: Logger;
  batchSize: number;
  maxWaitMs: number;
  /** Durable for `@EventPattern(type)` handlers: one consumer for all of them keeps stream order. */
  eventDurable?: string;
  /**
   * Called for a stored message the `@EventPattern` consumer cannot decode (an unknown type from
   * a newer version, a payload failing its schema): it is skipped, never retried forever.
   */
  onUndecodable?: (seq: number, error: unknown) => void;
}

/**
 * Nest microservice transport over durable JetStream pull consumers (DESIGN §2). Batch handlers
 * (the projection runner) get one consumer each; `@EventPattern('<event type>')` handlers share
 * one ordered consumer and are called event by event. Messages are acknowledged only after the
 * handler resolved, so a crash means redelivery, never loss.
 */
export class JetStreamServer extends Server implements CustomTransportStrategy {
  private readonly consumers: BatchConsumer<unknown>[] = [];
  private readonly personKeys: PersonKeys;

  constructor(private readonly options: JetStreamServerOptions) {
    super();
    this.personKeys = personKeysOf({
      nats: { js: options.js, jsm: options.jsm },
      stream: options.stream,
    });
  }

  addBatchHandler<P>(
    pattern: string,
    handle: (prepared: P) => Promise<void>,
    extras: Omit<BatchHandlerExtras, 'batch' | 'prepare'> & {
      prepare?(batch: ConsumedMessage[]): P | Promise<P>;
    },
  ): void {
    this.addHandler(pattern, (prepared: P) => handle(prepared), true, {
      ...extras,
      batch: true,
    });
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      const eventHandlers = new Map<string, MessageHandler>();
      for (const [pattern, handler] of this.getHandlers()) {
        const extras = handler.extras as Partial<BatchHandlerExtras> | undefined;
        if (extras?.batch)
          this.consumers.push(this.batchConsumer(handler, extras as BatchHandlerExtras));
        else eventHandlers.set(pattern, handler);
      }
      if (eventHandlers.size > 0) this.consumers.push(this.eventConsumer(eventHandlers));
      // Keys of people who appear from now on arrive by the bucket's watch, before their events.
      await this.personKeys.follow();
      await Promise.all(this.consumers.map((c) => c.start()));
      callback();
    } catch (error) {
      callback(error);
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.consumers.map((c) => c.stop()));
    this.consumers.length = 0;
  }

  on(): void {
    // Connection status is logged by the shared NATS connection (connectNats).
  }

  unwrap<T>(): T {
    return this.options.js as T;
  }

  private batchConsumer(
    handler: MessageHandler,
    extras: BatchHandlerExtras,
  ): BatchConsumer<unknown> {
    return new BatchConsumer<unknown>({
      ...this.consumerBase(),
      durable: extras.durable,
      batchSize: extras.batchSize ?? this.options.batchSize,
      ...(extras.maxBatchSize ? { maxBatchSize: extras.maxBatchSize } : {}),
      maxWaitMs: extras.maxWaitMs ?? this.options.maxWaitMs,
      resumeAfter: () => extras.resumeAfter(),
      ...(extras.prepare ? { prepare: (batch: ConsumedMessage[]) => extras.prepare?.(batch) } : {}),
      handle: (prepared) => this.invoke(handler, prepared),
    });
  }

  private eventConsumer(handlers: Map<string, MessageHandler>): BatchConsumer<unknown> {
    const durable = this.options.eventDurable;
    if (!durable)
      throw new Error('JetStreamServer: @EventPattern handlers need the eventDurable option');
    return new BatchConsumer<ConsumedMessage[]>({
      ...this.consumerBase(),
      durable,
      batchSize: this.options.batchSize,
      maxWaitMs: this.options.maxWaitMs,
      resumeAfter: () => consumerAckFloor(this.options.jsm, this.options.stream, durable),
      handle: async (batch) => {
        await ensureKeysFor(this.personKeys, batch);
        for (const message of batch) {
          const event = this.decodeOrSkip(message.seq, message.data, durable);
          if (!event) continue;
          const handler = handlers.get(event.type);
          if (handler)
            await withDeliverySpan(durable, event.type, message.trace, () =>
              this.invoke(handler, event),
            );
        }
      },
    });
  }

  private decodeOrSkip(seq: number, data: Uint8Array, durable: string) {
    try {
      return decodeStored(seq, data, this.personKeys).event;
    } catch (error) {
      this.options.logger.error(
        { seq, durable, err: error instanceof Error ? error.message : String(error) },
        'stored event cannot be decoded: skipped',
      );
      this.options.onUndecodable?.(seq, error);
      return undefined;
    }
  }

  private consumerBase() {
    const { js, jsm, stream, subjectPrefix, logger } = this.options;
    return { js, jsm, stream, subjectPrefix, logger };
  }

  private async invoke(handler: MessageHandler, data: unknown): Promise<void> {
    await lastValueFrom(this.transformToObservable(await handler(data)), {
      defaultValue: undefined,
    });
  }
}
