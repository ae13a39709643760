import { KdError, newEvent, placeholderOf, snowflake, tagOf, type PersonKey } from '@kd/events';
import type { EventStore, PersonKeys } from '@kd/event-store';
import type { Logger } from '@kd/observability';
import type {
  ForgetOutcome,
  ForgetRequester,
  KalturaDeletion,
  KalturaUsers,
} from './forget-outcome.js';
import type { PendingKalturaDeletions } from './pending-kaltura-deletions.js';

export interface PersonForgetOptions {
  store: EventStore;
  keys: PersonKeys;
  pending: PendingKalturaDeletions;
  /** Absent when no Kaltura credentials are configured. */
  kaltura: KalturaUsers | undefined;
  /** Deletes what caches keep about the person (the people links with their display name). */
  forgetCached?: (discordUserId: string) => Promise<void>;
  /** The lowest checkpoint of the projections (a key is destroyed once all passed its forget). */
  checkpointFloor: () => Promise<number>;
  logger: Logger;
  /** How long a request waits for the projections before leaving the key to `finishPending`. */
  waitMs?: number;
  correlationId?: string;
}

const pollMs = 100;

/**
 * Forgets a person (docs/privacy.md): records `person.forgotten` under their key, makes every
 * reader show placeholders, destroys the key once the projections have rewritten their rows, and
 * deletes the Kaltura user (retried until Kaltura confirms). Logs name the key id, never the person.
 */
export class PersonForgetService {
  constructor(private readonly options: PersonForgetOptions) {}

  async forget(discordUserId: string, requestedBy: ForgetRequester): Promise<ForgetOutcome> {
    if (!snowflake.safeParse(discordUserId).success) {
      throw new KdError('PERSON.INVALID_ID', 'not a Discord user id (17–20 digits)', 'validation');
    }
    const { keys, logger } = this.options;
    const key = await keys.existingKey(discordUserId);
    if (!key) {
      throw new KdError(
        'PERSON.NOT_FOUND',
        'no data is stored for this Discord user (never seen here, or already forgotten)',
        'not_found',
      );
    }
    const seq = await this.recordForgotten(discordUserId, key, requestedBy);
    await keys.startForgetting(discordUserId, key.kid);
    await this.options.forgetCached?.(discordUserId);
    logger.info({ kid: key.kid, requestedBy }, 'person forgotten: key being destroyed');
    const keyDestroyed = await this.destroyWhenProjected(key.kid, seq);
    const kaltura = await this.deleteKalturaUser(`discord:${discordUserId}`, key.kid);
    const placeholder = placeholderOf(tagOf(key, discordUserId));
    return { status: 'forgotten', kid: key.kid, placeholder, keyDestroyed, kaltura };
  }

  /** Destroys keys whose projections have caught up and retries owed Kaltura deletions. */
  async finishPending(): Promise<{ keysDestroyed: number; kalturaPending: number }> {
    let keysDestroyed = 0;
    const floor = await this.options.checkpointFloor();
    for (const kid of await this.options.keys.forgetting()) {
      const seq = await this.options.store.lastSeqOf('person', kid);
      if (seq > floor) continue;
      await this.options.keys.destroy(kid);
      keysDestroyed += 1;
    }
    let kalturaPending = 0;
    for (const { entry, kalturaUserId } of await this.options.pending.all()) {
      if ((await this.tryKaltura(kalturaUserId, entry, entry)) === 'pending') kalturaPending += 1;
    }
    return { keysDestroyed, kalturaPending };
  }

  private async recordForgotten(id: string, key: PersonKey, requestedBy: ForgetRequester) {
    const participantId = `discord:${id}`;
    const event = newEvent(
      'person.forgotten',
      {
        kid: key.kid,
        userId: id,
        userPlaceholder: placeholderOf(tagOf(key, id)),
        participantId,
        participantPlaceholder: placeholderOf(tagOf(key, participantId)),
        requestedBy,
      },
      {
        id: `forget-${key.kid}`,
        actor: { kind: 'system', id: 'privacy' },
        correlationId: this.options.correlationId ?? `forget-${key.kid}`,
        guildId: null,
      },
    );
    return (await this.options.store.append(event)).seq;
  }

  private async destroyWhenProjected(kid: string, seq: number): Promise<boolean> {
    const deadline = performance.now() + (this.options.waitMs ?? 30_000);
    for (;;) {
      if ((await this.options.checkpointFloor()) >= seq) {
        await this.options.keys.destroy(kid);
        return true;
      }
      if (performance.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }

  private async deleteKalturaUser(kalturaUserId: string, kid: string): Promise<KalturaDeletion> {
    if (!this.options.kaltura) return 'not_configured';
    const entry = await this.options.pending.add(kalturaUserId);
    return this.tryKaltura(kalturaUserId, entry, kid);
  }

  private async tryKaltura(kalturaUserId: string, entry: string, ref: string) {
    const kaltura = this.options.kaltura;
    if (!kaltura) return 'pending' as const;
    try {
      const outcome = (await kaltura.deleteUser(kalturaUserId)) ? 'deleted' : 'not_found';
      await this.options.pending.done(entry);
      this.options.logger.info({ ref, outcome }, 'kaltura user of a forgotten person deleted');
      return outcome;
    } catch (error) {
      const code = error instanceof KdError ? error.code : 'KALTURA.UNAVAILABLE';
      this.options.logger.warn({ ref, code }, 'kaltura user deletion failed: will retry');
      return 'pending' as const;
    }
  }
}
