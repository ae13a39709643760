import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { Logger } from '@kd/observability';
import { PeriodicTask } from '@kd/platform';
import type { ApiConfig } from '../api.config.js';
import { API_CONFIG, LOGGER } from '../api.tokens.js';
import { COMMAND_RUNTIME } from '../interactions/interactions.tokens.js';
import type { CommandRuntime } from '../interactions/command-runtime.js';

/**
 * The safety net of early notifications: the meeting's creation applies what was parked for its
 * room right after `meeting.created`, but a process that dies in between leaves it parked. Every
 * replica sweeps now and then; applying twice records once.
 */
@Injectable()
export class ParkedFactsSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly task: PeriodicTask;

  constructor(
    @Inject(API_CONFIG) config: ApiConfig,
    @Inject(LOGGER) logger: Logger,
    @Inject(COMMAND_RUNTIME) private readonly runtime: CommandRuntime,
  ) {
    this.task = new PeriodicTask({
      everyMs: config.WEBHOOK_SWEEP_INTERVAL_MS,
      logger,
      failure: 'sweep of parked notifications failed; next time',
      run: async () => {
        const applied = (await runtime.meetings?.webhookFacts?.sweep()) ?? 0;
        if (applied > 0) logger.info({ applied }, 'parked notifications applied by the sweep');
      },
    });
  }

  onApplicationBootstrap(): void {
    if (this.runtime.meetings?.webhookFacts) this.task.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.task.stop();
  }
}
