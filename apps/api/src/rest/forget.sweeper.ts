import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { Logger } from '@kd/observability';
import { PeriodicTask } from '@kd/platform';
import { LOGGER } from '../api.tokens.js';
import { COMMAND_RUNTIME } from '../interactions/interactions.tokens.js';
import type { CommandRuntime } from '../interactions/command-runtime.js';

/**
 * Finishes forgets left half-done: keys whose projections have caught up since, Kaltura user
 * deletions that failed while Kaltura was unavailable (docs/privacy.md).
 */
@Injectable()
export class ForgetSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly task: PeriodicTask;

  constructor(@Inject(LOGGER) logger: Logger, @Inject(COMMAND_RUNTIME) runtime: CommandRuntime) {
    this.task = new PeriodicTask({
      everyMs: 5 * 60_000,
      logger,
      failure: 'forget sweep failed: next time',
      run: async () => {
        const done = await runtime.forgetter.finishPending();
        if (done.keysDestroyed > 0 || done.kalturaPending > 0) logger.info(done, 'forget sweep');
      },
    });
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.task.stop();
  }
}
