import type { KeyValueStore } from '../service/meeting-directory.js';

/** A member whose Kaltura user is known to match: the cache that spares a Kaltura call per join. */
export interface KnownLink {
  kalturaUserId: string;
  displayName: string;
}

/** A member whose Kaltura user could not be made sure of yet: what the retry loop needs. */
export interface PendingLink {
  displayName: string;
  attempts: number;
  /** Epoch milliseconds; the retry loop tries again at or after it. */
  retryAt: number;
  correlationId: string;
}

/**
 * Two key-value buckets keyed by Discord user id: the links known to be right (durable, so a
 * restart does not ask Kaltura again) and the links waiting for a retry. Both hold the display
 * name, which is personal data: forgetting a person deletes both keys.
 */
export class PersonLinks {
  constructor(
    private readonly known: KeyValueStore,
    private readonly pending: KeyValueStore,
  ) {}

  async knownLink(discordUserId: string): Promise<KnownLink | undefined> {
    return parse<KnownLink>(await this.known.get(discordUserId));
  }

  async remember(discordUserId: string, link: KnownLink): Promise<void> {
    await this.known.put(discordUserId, JSON.stringify(link));
    await this.pending.delete(discordUserId);
  }

  async pendingLink(discordUserId: string): Promise<PendingLink | undefined> {
    return parse<PendingLink>(await this.pending.get(discordUserId));
  }

  async postpone(discordUserId: string, pending: PendingLink): Promise<void> {
    await this.pending.put(discordUserId, JSON.stringify(pending));
  }

  async pendingIds(): Promise<string[]> {
    return this.pending.keys();
  }

  /** Everything kept about the person here (for forgetting them). */
  async drop(discordUserId: string): Promise<void> {
    await Promise.all([this.known.delete(discordUserId), this.pending.delete(discordUserId)]);
  }
}

function parse<T>(value: string | undefined): T | undefined {
  return value === undefined ? undefined : (JSON.parse(value) as T);
}
