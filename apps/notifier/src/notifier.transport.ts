import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Counter, register } from 'prom-client';
import { JetStreamServer, KvLease, NatsClients } from '@kd/event-store';
import { metricOnce, type Logger } from '@kd/observability';
import type { NotifierConfig } from './notifier.config.js';
import { LOGGER, NOTIFIER_CONFIG } from './notifier.tokens.js';
import { NotificationService } from './service/notification.service.js';

/** The durable consumer of the notifier's `@EventPattern` handlers. */
export const NOTIFIER_DURABLE = 'notifier';

/** How long a SIGKILLed notifier's lease stays with it: a standby takes it within this + 1 s. */
export const NOTIFIER_LEASE_TTL_MS = 6_000;

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
 * consuming stops, the lease is given up, then the NATS connection is drained.
 *
 * One notifier consumes at a time (stream order, configuration changes seen in order): it holds
 * the lease `notifier` in the bucket `<stream>_LEASES`; a second one stands by until the lease
 * is free and touches no consumer meanwhile. Only the holder (re)creates the consumer from its
 * ack floor, so events the previous holder had received and not acknowledged come again at once
 * (the consumer's ack policy "all" must not see a second puller).
 */
@Injectable()
export class NotifierTransport implements BeforeApplicationShutdown, OnApplicationShutdown {
  private transport: JetStreamServer | undefined;
  private readonly lease: KvLease;

  constructor(
    @Inject(NOTIFIER_CONFIG) private readonly config: NotifierConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly nats: NatsClients,
    private readonly notifications: NotificationService,
  ) {
    this.lease = new KvLease({
      nats: this.nats,
      stream: config.KD_STREAM,
      key: NOTIFIER_DURABLE,
      logger,
      ttlMs: NOTIFIER_LEASE_TTL_MS,
      onLost: (reason) => {
        // Another notifier may take over any moment now: stop posting at once, by exiting (the
        // supervisor starts this one again, as a standby).
        logger.fatal({ reason }, 'notifier lease lost: exiting');
        process.exit(1);
      },
    });
  }

  /** Waits for NATS (retrying with backoff) and for the lease, then builds the transport. */
  async create(): Promise<JetStreamServer> {
    await this.nats.ready;
    await this.lease.acquire();
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
    await this.lease.release();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.nats.close();
  }
}
