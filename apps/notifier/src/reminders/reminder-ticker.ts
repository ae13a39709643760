import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Clock } from '@kd/events';
import type { Logger } from '@kd/observability';
import { LOGGER } from '../notifier.tokens.js';
import { ReminderScheduler } from './reminder-scheduler.js';
import { REMINDER_CLOCK } from './reminders.providers.js';

/** How often due reminders are looked for: a reminder is at most this late. */
export const REMINDER_TICK_MS = 20_000;

/** Runs the reminder scheduler on a timer once the notifier consumes (see main.ts). */
@Injectable()
export class ReminderTicker implements OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly scheduler: ReminderScheduler,
    @Inject(REMINDER_CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  start(): void {
    this.timer ??= setInterval(() => {
      if (this.running) return; // a slow tick is not overlapped by the next one
      this.running = this.scheduler
        .tick(this.clock())
        .catch((error: unknown) => this.logger.warn({ err: error }, 'reminder tick failed'))
        .finally(() => (this.running = undefined));
    }, REMINDER_TICK_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
