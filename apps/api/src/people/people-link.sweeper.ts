import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { CLOCK, type Clock } from '@kd/events';
import type { Logger } from '@kd/observability';
import { PeriodicTask } from '@kd/platform';
import type { ApiConfig } from '../api.config.js';
import { API_CONFIG, LOGGER } from '../api.tokens.js';
import { COMMAND_RUNTIME } from '../interactions/interactions.tokens.js';
import type { CommandRuntime } from '../interactions/command-runtime.js';

/**
 * Retries the Kaltura users that could not be made sure of at a member's join (Kaltura down):
 * here because the api holds the Kaltura credentials and the key-value buckets, as the webhook
 * sweep does. Every replica may run it; a retry asks Kaltura before adding, so twice is harmless.
 */
@Injectable()
export class PeopleLinkSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly task: PeriodicTask;

  constructor(
    @Inject(API_CONFIG) config: ApiConfig,
    @Inject(LOGGER) logger: Logger,
    @Inject(COMMAND_RUNTIME) private readonly runtime: CommandRuntime,
    @Inject(CLOCK) clock: Clock,
  ) {
    this.task = new PeriodicTask({
      everyMs: config.PEOPLE_RETRY_INTERVAL_MS,
      logger,
      failure: 'retry of pending Kaltura users failed; next time',
      run: async () => {
        const report = await runtime.people?.retryDue(clock());
        if (report && report.attempted > 0) logger.info(report, 'pending Kaltura users retried');
      },
    });
  }

  onApplicationBootstrap(): void {
    if (this.runtime.people) this.task.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.task.stop();
  }
}
