import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Counter, register } from 'prom-client';
import { JetStreamServer, NatsClients } from '@kd/event-store';
import { metricOnce, type Logger } from '@kd/observability';
import type { NotifierConfig } from './notifier.config.js';
import { LOGGER, NOTIFIER_CONFIG } from './notifier.tokens.js';
import { NotificationService } from './service/notification.service.js';

/** The durable consumer of the notifier's `@EventPattern` handlers. */
export const NOTIFIER_DURABLE = 'notifier';

const skipped = () =>
  metricOnce(
    register,
    'kd_event_consumer_skipped_total',
    (registers) =>
      new Counter({
        name: 'kd_event_consumer_skipped_total',
        help: 'Stored events an event consumer could not decode and skipped (unknown type, invalid payload)',
        labelNames: ['durable'],
        registers,
      }),
  );

/**
 * The JetStream transport the handlers run on, and the order things stop in: waits between
 * attempts are abandoned (the event stays unacknowledged and is delivered again after a restart),
 * consuming stops, then the NATS connection is drained.
 */
@Injectable()
export class NotifierTransport implements BeforeApplicationShutdown, OnApplicationShutdown {
  private transport: JetStreamServer | undefined;

  constructor(
    @Inject(NOTIFIER_CONFIG) private readonly config: NotifierConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly nats: NatsClients,
    private readonly notifications: NotificationService,
  ) {}

  /** Waits for NATS (retrying with backoff), then builds the transport. */
  async create(): Promise<JetStreamServer> {
    await this.nats.ready;
    this.transport = new JetStreamServer({
      js: this.nats.js,
      jsm: this.nats.jsm,
      stream: this.config.KD_STREAM,
      subjectPrefix: this.config.KD_SUBJECT_PREFIX,
      logger: this.logger,
      // Small batches: a batch is acknowledged once all its events are handled, retries included.
      batchSize: 16,
      maxWaitMs: 20,
      eventDurable: NOTIFIER_DURABLE,
      onUndecodable: () => skipped().inc({ durable: NOTIFIER_DURABLE }),
    });
    return this.transport;
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.notifications.stop();
    await this.transport?.close();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.nats.close();
  }
}
