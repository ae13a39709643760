import { createHmac, randomBytes } from 'node:crypto';
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import { Kvm, KvWatchInclude, type KV, type KvWatchEntry } from '@nats-io/kv';
import type { KeyState, PersonKey, PersonKeyring } from '@kd/events';
import { EventStoreUnavailableError } from '../errors.js';
import { bucketName, isWrongLastSequence, lazyBucket } from '../kv-bucket.js';

export interface PersonKeysOptions {
  nats: {
    readonly js: JetStreamClient;
    readonly jsm: JetStreamManager;
    readonly replicas?: number;
  };
  /** The event stream the keys belong to: bucket `<stream>_PERSON_KEYS`. */
  stream: string;
  /** How long a live key is trusted before it is checked again (default 30 s). */
  recheckMs?: number;
}

interface Cached {
  state: KeyState;
  checkedAt: number;
}

const fetchConcurrency = 64;
/**
 * From this many keys missing at once (a rebuild, a projector starting far behind), one read of
 * the whole bucket costs less than two gets per key: 100,000 events of 8,000 people took ~30 µs
 * of CPU per event in gets alone.
 */
const bulkLoadFrom = 64;
/** A bucket holding more entries than this is never read whole (memory: ~200 bytes a key). */
const bulkLoadMaxEntries = 500_000;

const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64url');
const destroyed: KeyState = { state: 'destroyed' };
const stateRank: Record<KeyState['state'], number> = { live: 0, forgetting: 1, destroyed: 2 };

/**
 * Person keys in a JetStream key-value bucket beside the stream (docs/privacy.md): `salt`,
 * `p.<locator>` → kid, `k.<kid>` → secret (written once), `f.<kid>` while a forget runs.
 * Destroying a key erases its message (JetStream overwrites the bytes).
 */
export class PersonKeys implements PersonKeyring {
  private readonly keys = new Map<string, Cached>();
  /** How keys were loaded: whole-bucket reads, and keys fetched one by one (two gets each). */
  readonly loads = { bulk: 0, single: 0 };
  private readonly byPerson = new Map<string, { key: PersonKey; at: number }>();
  private salt: Promise<Uint8Array> | undefined;
  private readonly open = lazyBucket(() =>
    new Kvm(this.options.nats.js).create(this.bucket, {
      history: 1,
      replicas: this.options.nats.replicas ?? 1,
    }),
  );

  constructor(private readonly options: PersonKeysOptions) {}

  get bucket(): string {
    return bucketName(this.options.stream, 'PERSON_KEYS');
  }

  stateOf(kid: string): KeyState | undefined {
    return this.keys.get(kid)?.state;
  }

  async ensure(kids: Iterable<string>): Promise<void> {
    if (!this.following) await this.follow();
    const wanted = [...kids];
    let stale = this.staleAmong(wanted);
    if (stale.length >= bulkLoadFrom && performance.now() - this.bulkLoadedAt > this.recheckMs) {
      await this.loadAll();
      stale = this.staleAmong(stale);
    }
    // Bounded: a rebuild's first batch can name thousands of keys.
    for (let i = 0; i < stale.length; i += fetchConcurrency) {
      await Promise.all(stale.slice(i, i + fetchConcurrency).map((kid) => this.fetch(kid)));
    }
  }

  private staleAmong(kids: readonly string[]): string[] {
    const now = performance.now();
    return kids.filter((kid) => {
      const cached = this.keys.get(kid);
      return !cached || (cached.state.state === 'live' && now - cached.checkedAt > this.recheckMs);
    });
  }

  private bulkLoadedAt = -Infinity;

  /**
   * Every key and forget mark in one pass over the bucket (two ordered consumers, no get per
   * key). Keys it does not find (destroyed, or created since) are fetched one by one as before;
   * a bucket too large to cache, or a read that fails, leaves that to the gets as well.
   */
  private async loadAll(): Promise<void> {
    const startedAt = performance.now();
    this.bulkLoadedAt = startedAt;
    try {
      const kv = await this.kv();
      if ((await kv.status()).values > bulkLoadMaxEntries) return;
      const secrets = new Map<string, Buffer>();
      const marks = new Set<string>();
      for await (const entry of await kv.history({ key: 'k.>' })) {
        if (entry.operation === 'PUT')
          secrets.set(entry.key.slice(2), Buffer.from(entry.string(), 'base64url'));
        else secrets.delete(entry.key.slice(2));
      }
      for await (const entry of await kv.history({ key: 'f.>' })) {
        if (entry.operation === 'PUT') marks.add(entry.key.slice(2));
        else marks.delete(entry.key.slice(2));
      }
      this.loads.bulk++;
      for (const [kid, secret] of secrets) {
        const known = this.keys.get(kid)?.state.state;
        if (known === 'destroyed') continue;
        const state = marks.has(kid) || known === 'forgetting' ? 'forgetting' : 'live';
        this.keys.set(kid, { state: { state, secret }, checkedAt: startedAt });
      }
    } catch {
      // The gets below still load what is needed.
    }
  }

  /** A reader saw `person.forgotten` for this key: stop showing its values at once. */
  noteForgetting(kid: string): void {
    const cached = this.keys.get(kid);
    if (cached?.state.state === 'live') {
      this.keys.set(kid, { ...cached, state: { ...cached.state, state: 'forgetting' } });
    }
    for (const [person, entry] of this.byPerson)
      if (entry.key.kid === kid) this.byPerson.delete(person);
  }

  async keyFor(personId: string): Promise<PersonKey> {
    // A writer follows too: a forget mark drops the person's cached key before the next seal.
    if (!this.following) await this.follow();
    const cached = this.byPerson.get(personId);
    if (cached && performance.now() - cached.at < this.recheckMs) return cached.key;
    const key = (await this.existingKey(personId)) ?? (await this.createKey(personId));
    const at = performance.now();
    this.byPerson.set(personId, { key, at });
    // What this process seals it can read back without fetching the key again.
    // (Never over a key known to be forgotten or destroyed: that knowledge wins.)
    const known = this.keys.get(key.kid)?.state.state;
    if (known === undefined || known === 'live')
      this.keys.set(key.kid, { state: { state: 'live', secret: key.secret }, checkedAt: at });
    return key;
  }

  /** The person's current key, or undefined when none exists (never seen, or forgotten). */
  async existingKey(personId: string): Promise<PersonKey | undefined> {
    const kv = await this.kv();
    const kid = await this.read(kv, `p.${await this.locator(personId)}`);
    if (!kid) return undefined;
    const secret = await this.read(kv, `k.${kid}`);
    return secret ? { kid, secret: Buffer.from(secret, 'base64url') } : undefined;
  }

  /** Readers show the key's values as forgotten from now on; the person gets a new key next time. */
  async startForgetting(personId: string, kid: string): Promise<void> {
    const kv = await this.kv();
    await this.call('mark', () => kv.put(`f.${kid}`, new Date().toISOString()));
    const locator = await this.locator(personId);
    await this.call('unlink', () => kv.purge(`p.${locator}`));
    this.noteForgetting(kid);
  }

  /** Keys whose forget has started but not finished. */
  async forgetting(): Promise<string[]> {
    const kv = await this.kv();
    return this.call('list', async () => {
      const kids: string[] = [];
      for await (const key of await kv.keys('f.*')) kids.push(key.slice(2));
      return kids;
    });
  }

  /** Erases the key's bytes and its forget mark: its values read as forgotten for good. */
  async destroy(kid: string): Promise<void> {
    const kv = await this.kv();
    const entry = await this.call('get', () => kv.get(`k.${kid}`));
    if (entry && entry.operation === 'PUT') {
      await this.call('erase', () =>
        this.options.nats.jsm.streams.deleteMessage(`KV_${this.bucket}`, entry.revision, true),
      );
    }
    await this.call('unmark', () => kv.purge(`f.${kid}`));
    this.keys.set(kid, { state: { state: 'destroyed' }, checkedAt: performance.now() });
  }

  private get recheckMs(): number {
    return this.options.recheckMs ?? 30_000;
  }

  private async fetch(kid: string): Promise<void> {
    const kv = await this.kv();
    this.loads.single++;
    const [secret, mark] = await Promise.all([
      this.read(kv, `k.${kid}`),
      this.read(kv, `f.${kid}`),
    ]);
    const state: KeyState = !secret
      ? { state: 'destroyed' }
      : { state: mark ? 'forgetting' : 'live', secret: Buffer.from(secret, 'base64url') };
    this.remember(kid, state);
  }

  /**
   * Caches what was read of a key, never moving it back: a key only goes live → forgetting →
   * destroyed, so a read that started before a forget (a get, a bulk load) cannot revive it.
   */
  private remember(kid: string, state: KeyState, checkedAt = performance.now()): void {
    const known = this.keys.get(kid)?.state;
    if (known && stateRank[known.state] > stateRank[state.state]) return;
    this.keys.set(kid, { state, checkedAt });
  }

  private following: Promise<void> | undefined;

  /**
   * Follows the bucket (idempotent): one watch (updates only, in bucket order) brings new keys
   * without a get, and forget marks and finished forgets as they happen, instead of at the next
   * check of a cached key (up to `recheckMs` later). Key links and the salt are ignored. Readers
   * follow from their start (the JetStream transport calls this before its consumers start) or
   * from their first `ensure`, writers from their first `keyFor`. A watch that cannot start, or ends, is started again by the next
   * `ensure`; the rechecks stay, for the time a watch is down.
   */
  follow(): Promise<void> {
    return (this.following ??= (async () => {
      const kv = await this.kv();
      const updates = await kv.watch({ include: KvWatchInclude.UpdatesOnly });
      void (async () => {
        for await (const entry of updates) this.apply(entry);
      })()
        .catch(() => undefined)
        .finally(() => {
          this.following = undefined;
        });
    })().catch(() => {
      this.following = undefined;
    }));
  }

  private apply(entry: KvWatchEntry): void {
    const kid = entry.key.slice(2);
    const isPut = entry.operation === 'PUT';
    if (entry.key.startsWith('k.')) {
      // A new key: cached while the cache is not at the bulk-load bound (memory).
      if (isPut && (this.keys.has(kid) || this.keys.size >= bulkLoadMaxEntries)) return;
      this.remember(
        kid,
        isPut ? { state: 'live', secret: Buffer.from(entry.string(), 'base64url') } : destroyed,
      );
    } else if (entry.key.startsWith('f.')) {
      // The mark is removed by `destroy` alone, after the key's bytes are erased.
      if (isPut) this.noteForgetting(kid);
      else if (this.keys.has(kid)) this.remember(kid, destroyed);
    }
  }

  private async createKey(personId: string): Promise<PersonKey> {
    const kv = await this.kv();
    const key: PersonKey = { kid: b64(randomBytes(16)), secret: randomBytes(32) };
    await this.call('create', () => kv.create(`k.${key.kid}`, b64(key.secret)));
    try {
      await kv.create(`p.${await this.locator(personId)}`, key.kid);
      return key;
    } catch (error) {
      if (!isWrongLastSequence(error)) throw unavailable('link', this.bucket, error);
      await this.destroy(key.kid);
      const winner = await this.existingKey(personId);
      if (!winner) throw unavailable('link', this.bucket, error);
      return winner;
    }
  }

  /**
   * A stable pseudonym of the person for another bucket's keys (the people cache): an HMAC under
   * the install's salt, separated by `purpose` from the key locator and from other uses.
   */
  async pseudonymOf(personId: string, purpose: string): Promise<string> {
    const salt = await this.saltBytes();
    return b64(createHmac('sha256', salt).update(`${purpose}:${personId}`).digest());
  }

  private async locator(personId: string): Promise<string> {
    await this.saltBytes();
    return this.locatorSync(personId);
  }

  private saltValue: Uint8Array | undefined;
  private locatorSync(personId: string): string {
    if (!this.saltValue) throw new Error('salt not loaded');
    return b64(createHmac('sha256', this.saltValue).update(personId).digest());
  }

  private saltBytes(): Promise<Uint8Array> {
    this.salt ??= (async () => {
      const kv = await this.kv();
      let value = await this.read(kv, 'salt');
      if (!value) {
        try {
          await kv.create('salt', b64(randomBytes(32)));
        } catch (error) {
          if (!isWrongLastSequence(error)) throw unavailable('salt', this.bucket, error);
        }
        value = await this.read(kv, 'salt');
      }
      if (!value) throw unavailable('salt', this.bucket, new Error('no salt'));
      this.saltValue = Buffer.from(value, 'base64url');
      return this.saltValue;
    })().catch((error: unknown) => {
      this.salt = undefined;
      throw error;
    });
    return this.salt;
  }

  private async read(kv: KV, key: string): Promise<string | undefined> {
    const entry = await this.call('get', () => kv.get(key));
    return entry && entry.operation === 'PUT' ? entry.string() : undefined;
  }

  private async kv(): Promise<KV> {
    return this.call('open', () => this.open());
  }

  private async call<T>(action: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof EventStoreUnavailableError) throw error;
      throw unavailable(action, this.bucket, error);
    }
  }
}

function unavailable(action: string, bucket: string, error: unknown): EventStoreUnavailableError {
  return new EventStoreUnavailableError(
    `person keys ${bucket}: ${action} failed: ${String(error)}`,
    error,
  );
}
