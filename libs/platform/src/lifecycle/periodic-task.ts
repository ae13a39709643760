import type { Logger } from '@kd/observability';

export interface PeriodicTaskOptions {
  everyMs: number;
  run: () => Promise<void>;
  logger: Logger;
  /** The warning logged when a run fails; the next tick tries again. */
  failure: string;
}

/**
 * Runs a background job (a sweep, a reminder tick) every `everyMs`, never two runs at once; a
 * failed run is logged and retried at the next tick. The timer does not keep the process alive.
 */
export class PeriodicTask {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(private readonly options: PeriodicTaskOptions) {}

  start(): void {
    if (this.timer) return;
    const { everyMs, run, logger, failure } = this.options;
    this.timer = setInterval(() => {
      if (this.running) return; // a slow run is not overlapped by the next one
      this.running = run()
        .catch((error: unknown) => logger.warn({ err: String(error) }, failure))
        .finally(() => (this.running = undefined));
    }, everyMs);
    this.timer.unref();
  }

  /** Stops the timer and waits for a run in progress. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
