import type { JsMsg } from '@nats-io/jetstream';

/** Buffers delivered messages and hands them out in batches (size, caught-up or deadline). */
export class MessageQueue {
  private items: JsMsg[] = [];
  private firstArrival = 0;
  private waiter: (() => void) | undefined;

  push(message: JsMsg): void {
    if (this.items.length === 0) this.firstArrival = Date.now();
    this.items.push(message);
    this.wake();
  }

  clear(): void {
    this.items = [];
  }

  /** Messages queued here plus those the server still holds for this consumer (its lag). */
  backlog(): number {
    return this.items.length + (this.items.at(-1)?.info.pending ?? 0);
  }

  wake(): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.();
  }

  /**
   * `sizeOf` is asked again on every wake-up (the wanted size may follow the backlog). While
   * `busy()` (the previous batch is still being handled), a caught-up batch is not handed over
   * before it is full or `maxWaitMs` old: what arrives meanwhile joins it (group commit), instead
   * of every other transaction carrying the one or two messages that came in the meantime. The
   * owner calls `wake()` when it stops being busy.
   */
  async takeBatch(
    sizeOf: () => number,
    maxWaitMs: number,
    stopped: () => boolean,
    busy: () => boolean = () => false,
  ): Promise<JsMsg[]> {
    while (!stopped()) {
      const size = sizeOf();
      if (this.ready(size, maxWaitMs, busy())) {
        const batch = this.items.splice(0, size);
        if (this.items.length > 0) this.firstArrival = Date.now();
        return batch;
      }
      const waitMs =
        this.items.length === 0 ? 1000 : Math.max(1, this.firstArrival + maxWaitMs - Date.now());
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, waitMs);
        this.waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    return [];
  }

  private ready(size: number, maxWaitMs: number, busy: boolean): boolean {
    const last = this.items.at(-1);
    if (!last) return false;
    return (
      this.items.length >= size ||
      (last.info.pending === 0 && !busy) ||
      Date.now() - this.firstArrival >= maxWaitMs
    );
  }
}
