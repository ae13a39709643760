import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { Logger } from '@kd/observability';
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
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(COMMAND_RUNTIME) private readonly runtime: CommandRuntime,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.runtime.meetings?.webhookFacts) return;
    this.timer = setInterval(() => void this.sweep(), this.config.WEBHOOK_SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  private async sweep(): Promise<void> {
    const facts = this.runtime.meetings?.webhookFacts;
    if (!facts || this.running) return;
    this.running = true;
    try {
      const applied = await facts.sweep();
      if (applied > 0) this.logger.info({ applied }, 'parked notifications applied by the sweep');
    } catch (error) {
      this.logger.warn({ err: String(error) }, 'sweep of parked notifications failed; next time');
    } finally {
      this.running = false;
    }
  }
}
