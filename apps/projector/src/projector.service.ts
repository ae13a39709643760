import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { register } from 'prom-client';
import { JetStreamServer, NatsClients } from '@kd/event-store';
import type { Logger } from '@kd/observability';
import {
  DatabaseHolder,
  ProjectionLease,
  ProjectionRunner,
  adaptiveBatchLimit,
  createProjectionMetrics,
  projectionDurable,
  projectionLeaseKeys,
  type DecodedMessage,
  type Projection,
} from '@kd/projections';
import type { ProjectorConfig } from './projector.config.js';
import { LOGGER, PROJECTOR_CONFIG } from './projector.tokens.js';
import { selectProjections } from './select-projections.js';

/** Builds one runner per projection and hands them to the JetStream transport as batch handlers. */
@Injectable()
export class ProjectorService implements BeforeApplicationShutdown, OnApplicationShutdown {
  private lagTimer: NodeJS.Timeout | undefined;
  private readonly lease: ProjectionLease;
  private runners: ProjectionRunner[] = [];
  private transport: JetStreamServer | undefined;

  constructor(
    @Inject(PROJECTOR_CONFIG) private readonly config: ProjectorConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly nats: NatsClients,
    private readonly db: DatabaseHolder,
  ) {
    const names = this.selected().map((p) => p.name);
    this.lease = new ProjectionLease({
      url: config.DATABASE_URL,
      keys: projectionLeaseKeys(config.KD_STREAM, names),
      logger,
      onLost: (reason) => {
        // Another projector may take over any moment now: stop applying at once, by exiting
        // (the supervisor starts this one again, as a standby).
        logger.fatal({ reason }, 'projection lease lost: exiting');
        process.exit(1);
      },
    });
  }

  /**
   * Waits for NATS and PostgreSQL (retrying with backoff) and for the projection lease (another
   * projector of the same projections may hold it: this one stands by), then prepares every runner.
   * Undefined when the process is stopped while standing by: it must then neither prepare the
   * runners (the pool is closing) nor start consumers (that would recreate the holder's).
   */
  async createTransport(): Promise<JetStreamServer | undefined> {
    await Promise.all([this.nats.ready, this.db.ready]);
    if (!(await this.lease.acquire())) return undefined;
    const metrics = createProjectionMetrics(register);
    this.runners = this.selected().map(
      (p) =>
        new ProjectionRunner(
          p,
          this.db.dataSource,
          this.logger.child({ projection: p.name }),
          metrics,
        ),
    );
    for (const runner of this.runners) await runner.prepare();
    const server = new JetStreamServer({
      js: this.nats.js,
      jsm: this.nats.jsm,
      stream: this.config.KD_STREAM,
      subjectPrefix: this.config.KD_SUBJECT_PREFIX,
      logger: this.logger,
      batchSize: this.config.PROJECTION_BATCH_SIZE,
      maxWaitMs: this.config.PROJECTION_MAX_WAIT_MS,
    });
    for (const runner of this.runners) {
      server.addBatchHandler(
        `projection:${runner.name}`,
        async (prepared: DecodedMessage[]) => void (await runner.commitBatch(prepared)),
        {
          prepare: (batch) => runner.prepareBatchInSlices(batch),
          durable: projectionDurable(runner.name),
          maxBatchSize: adaptiveBatchLimit(this.config.PROJECTION_BATCH_SIZE),
          resumeAfter: () => runner.checkpoint(),
        },
      );
    }
    this.lagTimer = setInterval(() => void this.refreshLag(), 2000);
    this.transport = server;
    return server;
  }

  /** Stop consuming first (in-flight batches finish or roll back), then let go of connections. */
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.lagTimer);
    await this.transport?.close();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.lease.release();
    await Promise.all([this.nats.close(), this.db.close()]);
  }

  private selected(): Projection[] {
    return selectProjections(this.config.PROJECTIONS);
  }

  private async refreshLag(): Promise<void> {
    try {
      const head = (await this.nats.jsm.streams.info(this.config.KD_STREAM)).state.last_seq;
      for (const runner of this.runners) runner.updateLag(head, await runner.checkpoint());
    } catch (error) {
      this.logger.debug({ err: String(error) }, 'lag refresh failed');
    }
  }
}
