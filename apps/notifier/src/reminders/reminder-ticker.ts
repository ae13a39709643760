import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Clock } from '@kd/events';
import type { Logger } from '@kd/observability';
import { PeriodicTask } from '@kd/platform';
import { LOGGER } from '../notifier.tokens.js';
import { ReminderScheduler } from './reminder-scheduler.js';
import { REMINDER_CLOCK } from './reminders.providers.js';

/** How often due reminders are looked for: a reminder is at most this late. */
export const REMINDER_TICK_MS = 20_000;

/** Runs the reminder scheduler on a timer once the notifier consumes (see main.ts). */
@Injectable()
export class ReminderTicker implements OnApplicationShutdown {
  private readonly task: PeriodicTask;

  constructor(
    scheduler: ReminderScheduler,
    @Inject(REMINDER_CLOCK) clock: Clock,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.task = new PeriodicTask({
      everyMs: REMINDER_TICK_MS,
      logger,
      failure: 'reminder tick failed',
      run: async () => {
        await scheduler.tick(clock());
      },
    });
  }

  start(): void {
    this.task.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }
}
