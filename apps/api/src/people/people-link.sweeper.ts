import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { CLOCK, type Clock } from '@kd/events';
import type { Logger } from '@kd/observability';
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
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(COMMAND_RUNTIME) private readonly runtime: CommandRuntime,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.runtime.people) return;
    this.timer = setInterval(() => void this.sweep(), this.config.PEOPLE_RETRY_INTERVAL_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  private async sweep(): Promise<void> {
    const people = this.runtime.people;
    if (!people || this.running) return;
    this.running = true;
    try {
      const report = await people.retryDue(this.clock());
      if (report.attempted > 0) this.logger.info(report, 'pending Kaltura users retried');
    } catch (error) {
      this.logger.warn({ err: String(error) }, 'retry of pending Kaltura users failed; next time');
    } finally {
      this.running = false;
    }
  }
}
