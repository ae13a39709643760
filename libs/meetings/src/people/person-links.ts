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

/** A pending link as stored: keyed by pseudonym, so the value names the member. */
interface StoredPendingLink extends PendingLink {
  discordUserId?: string;
}

/** The key a member's entries are stored under: a pseudonym, never the Discord id itself. */
export type PersonKeyOf = (discordUserId: string) => Promise<string>;

const snowflake = /^\d{17,20}$/;

/**
 * Two key-value buckets: the links known to be right (durable, so a restart does not ask Kaltura
 * again) and the links waiting for a retry. Keys are pseudonyms (`keyOf`: an HMAC of the Discord
 * id under the install's salt, docs/privacy.md), because a key outlives its value: deleting an
 * entry leaves a marker whose subject is the key, so a key that was the Discord id would keep
 * saying that this person used the app after they were forgotten. Values hold the display name
 * (and, pending, the Discord id), personal data that forgetting a person deletes. Entries written
 * under the Discord id before (legacy) are still read, and replaced when next written.
 */
export class PersonLinks {
  constructor(
    private readonly known: KeyValueStore,
    private readonly pending: KeyValueStore,
    private readonly keyOf: PersonKeyOf,
  ) {}

  async knownLink(discordUserId: string): Promise<KnownLink | undefined> {
    return parse<KnownLink>(
      (await this.known.get(await this.keyOf(discordUserId))) ??
        (await this.known.get(discordUserId)),
    );
  }

  async remember(discordUserId: string, link: KnownLink): Promise<void> {
    const key = await this.keyOf(discordUserId);
    await this.known.put(key, JSON.stringify(link));
    await deleteIfPresent(this.pending, key);
    await this.dropLegacy(discordUserId);
  }

  async pendingLink(discordUserId: string): Promise<PendingLink | undefined> {
    const stored = parse<StoredPendingLink>(
      (await this.pending.get(await this.keyOf(discordUserId))) ??
        (await this.pending.get(discordUserId)),
    );
    if (!stored) return undefined;
    const { displayName, attempts, retryAt, correlationId } = stored;
    return { displayName, attempts, retryAt, correlationId };
  }

  async postpone(discordUserId: string, pending: PendingLink): Promise<void> {
    const stored: StoredPendingLink = { ...pending, discordUserId };
    await this.pending.put(await this.keyOf(discordUserId), JSON.stringify(stored));
    await deleteIfPresent(this.pending, discordUserId);
  }

  /** The Discord ids with a pending link (read from the values; legacy keys are the id). */
  async pendingIds(): Promise<string[]> {
    const ids = new Set<string>();
    for (const key of await this.pending.keys()) {
      if (snowflake.test(key)) ids.add(key);
      else {
        const id = parse<StoredPendingLink>(await this.pending.get(key))?.discordUserId;
        if (id) ids.add(id);
      }
    }
    return [...ids];
  }

  /** Everything kept about the person here (for forgetting them). */
  async drop(discordUserId: string): Promise<void> {
    const key = await this.keyOf(discordUserId);
    await Promise.all([deleteIfPresent(this.known, key), deleteIfPresent(this.pending, key)]);
    await this.dropLegacy(discordUserId);
  }

  private async dropLegacy(discordUserId: string): Promise<void> {
    await Promise.all([
      deleteIfPresent(this.known, discordUserId),
      deleteIfPresent(this.pending, discordUserId),
    ]);
  }
}

/** Deleting a key that was never written would itself write a marker naming it: look first. */
async function deleteIfPresent(store: KeyValueStore, key: string): Promise<void> {
  if ((await store.get(key)) !== undefined) await store.delete(key);
}

function parse<T>(value: string | undefined): T | undefined {
  return value === undefined ? undefined : (JSON.parse(value) as T);
}
