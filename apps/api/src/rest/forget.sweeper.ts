import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { Logger } from '@kd/observability';
import { LOGGER } from '../api.tokens.js';
import { COMMAND_RUNTIME } from '../interactions/interactions.tokens.js';
import type { CommandRuntime } from '../interactions/command-runtime.js';

const everyMs = 5 * 60_000;

/**
 * Finishes forgets left half-done: keys whose projections have caught up since, Kaltura user
 * deletions that failed while Kaltura was unavailable (docs/privacy.md).
 */
@Injectable()
export class ForgetSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(COMMAND_RUNTIME) private readonly runtime: CommandRuntime,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), everyMs);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  private async sweep(): Promise<void> {
    try {
      const done = await this.runtime.forgetter.finishPending();
      if (done.keysDestroyed > 0 || done.kalturaPending > 0) this.logger.info(done, 'forget sweep');
    } catch (error) {
      this.logger.warn({ err: String(error) }, 'forget sweep failed: next time');
    }
  }
}
