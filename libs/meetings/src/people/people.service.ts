import type { EventStore } from '@kd/event-store';
import { newEvent, type Actor } from '@kd/events';
import { isDuplicateUser, type KalturaClient, type KalturaUserInput } from '@kd/kaltura';
import type { Logger } from '@kd/observability';
import { describeFailure, isKalturaError, type KalturaError } from '../service/kaltura-failure.js';
import { displayNameOf, kalturaUserFields, kalturaUserIdOf } from './display-name.js';
import type { PersonLinks } from './person-links.js';

export interface PersonToLink {
  discordUserId: string;
  /** As Discord shows the member; sanitized again here. */
  displayName: string;
}

/** Who asked (the member at a join, the system on a retry) and the request it belongs to. */
export interface LinkContext {
  actor: Actor;
  correlationId: string;
}

/** `known`: the cache says Kaltura already holds this name, nothing was asked of Kaltura. */
export type LinkOutcome = 'known' | 'added' | 'updated' | 'unchanged' | 'failed';

export interface RetryReport {
  attempted: number;
  linked: number;
  failed: number;
}

export interface PeopleServiceOptions {
  kaltura: KalturaClient;
  store: Pick<EventStore, 'append'>;
  links: PersonLinks;
  logger: Logger;
  now?: () => Date;
  /** First retry after this long, doubling per failure up to maxDelayMs (default 1 min, 1 h). */
  retryBaseDelayMs?: number;
  retryMaxDelayMs?: number;
}

const retryActor: Actor = { kind: 'system', id: 'people-retry' };

/**
 * Discord members as Kaltura users (docs/people.md): on a member's join link, makes sure the
 * Kaltura user `discord:<id>` exists with their display name, records `person.linked`, and
 * remembers it so the next join asks nothing of Kaltura. A Kaltura failure never reaches the
 * member: it is recorded (`person.link_failed`) and retried by `retryDue`.
 */
export class PeopleService {
  private readonly running = new Map<string, Promise<LinkOutcome>>();
  private readonly logger: Logger;
  private readonly now: () => Date;

  constructor(private readonly options: PeopleServiceOptions) {
    this.logger = options.logger.child({ context: 'PeopleService' });
    this.now = options.now ?? (() => new Date());
  }

  /** Off the join's path: the link is answered without waiting; nothing here ever throws. */
  linkInBackground(person: PersonToLink, context: LinkContext): void {
    this.ensureLinked(person, context).catch((error: unknown) => {
      const { correlationId } = context;
      this.logger.error({ err: error, correlationId }, 'could not make sure of a Kaltura user');
    });
  }

  /** One at a time per member, so a second join waits for the first and then finds the cache. */
  ensureLinked(person: PersonToLink, context: LinkContext, now?: Date): Promise<LinkOutcome> {
    const id = person.discordUserId;
    const before = this.running.get(id) ?? Promise.resolve('known' as const);
    const next = before
      .catch(() => 'failed' as const)
      .then(() => this.link(person, context, now ?? this.now()));
    this.running.set(id, next);
    const clear = () => {
      if (this.running.get(id) === next) this.running.delete(id);
    };
    next.then(clear, clear);
    return next;
  }

  /** Retries every pending link whose time has come (idempotent: Kaltura is asked before adding). */
  async retryDue(now: Date): Promise<RetryReport> {
    const report: RetryReport = { attempted: 0, linked: 0, failed: 0 };
    for (const discordUserId of await this.options.links.pendingIds()) {
      const pending = await this.options.links.pendingLink(discordUserId);
      if (!pending || pending.retryAt > now.getTime()) continue;
      report.attempted++;
      const context = { actor: retryActor, correlationId: pending.correlationId };
      const person = { discordUserId, displayName: pending.displayName };
      const outcome = await this.ensureLinked(person, context, now);
      if (outcome === 'failed') report.failed++;
      else report.linked++;
    }
    return report;
  }

  /** Settles once no link is being made (tests, shutdown). */
  async whenIdle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running.values()]);
  }

  private async link(person: PersonToLink, context: LinkContext, now: Date): Promise<LinkOutcome> {
    const { discordUserId } = person;
    const displayName = displayNameOf({ username: person.displayName });
    const known = await this.options.links.knownLink(discordUserId);
    if (known?.displayName === displayName) return 'known';
    const kalturaUserId = kalturaUserIdOf(discordUserId);
    let kalturaAction: Exclude<LinkOutcome, 'known' | 'failed'>;
    try {
      kalturaAction = await this.syncKaltura(
        kalturaUserId,
        kalturaUserFields(discordUserId, displayName),
      );
    } catch (error) {
      if (!isKalturaError(error)) throw error;
      await this.failed({ discordUserId, kalturaUserId, displayName }, error, context, now);
      return 'failed';
    }
    const payload = { discordUserId, kalturaUserId, displayName, kalturaAction };
    await this.options.store.append(newEvent('person.linked', payload, eventContext(context, now)));
    await this.options.links.remember(discordUserId, { kalturaUserId, displayName });
    return kalturaAction;
  }

  /** get → add, or update when the names differ; an add that races another is an update. */
  private async syncKaltura(
    kalturaUserId: string,
    fields: KalturaUserInput,
  ): Promise<'added' | 'updated' | 'unchanged'> {
    const { kaltura } = this.options;
    const existing = await kaltura.getUser(kalturaUserId);
    if (!existing) {
      try {
        await kaltura.addUser(kalturaUserId, fields);
        return 'added';
      } catch (error) {
        if (!isDuplicateUser(error)) throw error;
      }
    } else if (
      existing.screenName === fields.screenName &&
      existing.firstName === fields.firstName &&
      existing.partnerData === fields.partnerData
    ) {
      return 'unchanged';
    }
    if (await kaltura.updateUser(kalturaUserId, fields)) return 'updated';
    // Deleted between the get and the update.
    await kaltura.addUser(kalturaUserId, fields);
    return 'added';
  }

  private async failed(
    person: { discordUserId: string; kalturaUserId: string; displayName: string },
    error: KalturaError,
    context: LinkContext,
    now: Date,
  ): Promise<void> {
    const { links, store } = this.options;
    const attempts = ((await links.pendingLink(person.discordUserId))?.attempts ?? 0) + 1;
    const retryAt = now.getTime() + this.retryDelayMs(attempts);
    const failure = describeFailure(error);
    this.logger.warn(
      { ...failure, attempts, correlationId: context.correlationId },
      'Kaltura user not made sure of; will retry',
    );
    await links.postpone(person.discordUserId, {
      displayName: person.displayName,
      attempts,
      retryAt,
      correlationId: context.correlationId,
    });
    const payload = {
      discordUserId: person.discordUserId,
      kalturaUserId: person.kalturaUserId,
      ...failure,
      attempt: attempts,
      retryAt: new Date(retryAt).toISOString(),
    };
    await store.append(newEvent('person.link_failed', payload, eventContext(context, now)));
  }

  private retryDelayMs(attempts: number): number {
    const base = this.options.retryBaseDelayMs ?? 60_000;
    const max = this.options.retryMaxDelayMs ?? 3_600_000;
    return Math.min(base * 2 ** Math.min(attempts - 1, 20), max);
  }
}

/** Person events belong to no guild: a member is the same person in every server. */
function eventContext(context: LinkContext, now: Date) {
  return { ...context, guildId: null, occurredAt: now };
}
