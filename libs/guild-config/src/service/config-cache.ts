export interface ConfigCacheOptions {
  maxEntries: number;
  ttlMs: number;
  now?: () => number;
}

/**
 * A bounded map with expiry, least recently used evicted first. `epoch` guards against a load
 * that started before an invalidation storing what it read after it.
 */
export class ConfigCache<V> {
  private readonly entries = new Map<string, { value: V; expiresAt: number }>();
  private invalidations = 0;

  constructor(private readonly options: ConfigCacheOptions) {}

  get size(): number {
    return this.entries.size;
  }

  get epoch(): number {
    return this.invalidations;
  }

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.expiresAt <= this.now()) return undefined;
    this.entries.set(key, entry);
    return entry.value;
  }

  /** Stores a value loaded since `epoch`, unless something was invalidated meanwhile. */
  set(key: string, value: V, epoch = this.invalidations): void {
    if (epoch !== this.invalidations) return;
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt: this.now() + this.options.ttlMs });
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.options.maxEntries) break;
      this.entries.delete(oldest);
    }
  }

  delete(key: string): void {
    this.invalidations++;
    this.entries.delete(key);
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }
}
