export interface CachedSnapshotOptions<T> {
  load: () => Promise<T>;
  ttlMs: number;
  now?: () => number;
  onError?: (error: unknown) => void;
  onSuccess?: (value: T, durationMs: number) => void;
  /**
   * Once a value exists, answer with it at once and reload in the background when it is older
   * than the TTL (stale-while-revalidate): callers never wait for a slow load, at the price of a
   * value up to one TTL plus one load old. Only the very first call waits.
   */
  background?: boolean;
}

export interface Snapshot<T> {
  /** The latest value loaded successfully; undefined until the first success. */
  value: T | undefined;
  /** When that value was loaded (ms since the epoch); 0 before the first success. */
  loadedAt: number;
  /** True when the latest attempt failed: `value` is older than the TTL. */
  stale: boolean;
}

/**
 * A value reloaded at most once per TTL, however many callers ask: one load in flight at a
 * time, everyone waiting for the same one. A failed load keeps the previous value (marked
 * stale) and is retried by the next caller after the TTL, so a slow or broken database never
 * makes a caller fail and never gets a burst of queries.
 */
export class CachedSnapshot<T> {
  private current: Snapshot<T> = { value: undefined, loadedAt: 0, stale: false };
  private attemptedAt = Number.NEGATIVE_INFINITY;
  private inFlight: Promise<Snapshot<T>> | undefined;

  constructor(private readonly options: CachedSnapshotOptions<T>) {}

  async get(): Promise<Snapshot<T>> {
    const answerNow = this.options.background === true && this.current.value !== undefined;
    if (this.inFlight) return answerNow ? this.current : this.inFlight;
    if (this.now() - this.attemptedAt < this.options.ttlMs) return this.current;
    this.attemptedAt = this.now();
    this.inFlight = this.load().finally(() => {
      this.inFlight = undefined;
    });
    return answerNow ? this.current : this.inFlight;
  }

  /** Resolves when no load is in flight (tests, shutdown). */
  async settled(): Promise<void> {
    await this.inFlight;
  }

  private async load(): Promise<Snapshot<T>> {
    const started = this.now();
    try {
      const value = await this.options.load();
      this.current = { value, loadedAt: this.now(), stale: false };
      this.options.onSuccess?.(value, this.now() - started);
    } catch (error) {
      this.current = { ...this.current, stale: true };
      this.options.onError?.(error);
    }
    return this.current;
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }
}
