/**
 * Delayed and in-flight work of a demo run: `stop()` cancels what has not started and waits
 * (up to a grace period) for what has.
 */
export class Timers {
  private readonly pending = new Set<NodeJS.Timeout>();
  private readonly running = new Set<Promise<void>>();
  private stopped = false;

  constructor(private readonly onError: (what: string, error: unknown) => void) {}

  get inFlight(): number {
    return this.running.size;
  }

  /** Runs `task` after `ms` unless the run has ended by then. */
  after(ms: number, what: string, task: () => Promise<void>): void {
    if (this.stopped) return;
    const timer = setTimeout(
      () => {
        this.pending.delete(timer);
        this.run(what, task);
      },
      Math.max(0, ms),
    );
    this.pending.add(timer);
  }

  run(what: string, task: () => Promise<void>): void {
    if (this.stopped) return;
    const promise = task()
      .catch((error: unknown) => this.onError(what, error))
      .finally(() => this.running.delete(promise));
    this.running.add(promise);
  }

  async stop(graceMs: number): Promise<void> {
    this.stopped = true;
    for (const timer of this.pending) clearTimeout(timer);
    this.pending.clear();
    let timeout: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => (timeout = setTimeout(resolve, graceMs)));
    await Promise.race([Promise.all([...this.running]), grace]);
    clearTimeout(timeout);
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
