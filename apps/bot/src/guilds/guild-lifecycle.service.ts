import { Inject, Injectable } from '@nestjs/common';
import { ConcurrencyError, EventStore, NatsClients, type RecordedEvent } from '@kd/event-store';
import { KdError, newEvent, type DomainEvent, type NewEvent } from '@kd/events';
import { currentCorrelationId, type Logger } from '@kd/observability';
import { LOGGER } from '../bot.tokens.js';
import {
  botActor,
  decideGuild,
  emptyGuildRecord,
  evolveGuild,
  guildEventTypes,
  type GuildChange,
  type GuildEventType,
  type GuildObservation,
  type GuildRecord,
} from './guild-lifecycle.js';
import { KeyedQueue } from './keyed-queue.js';

interface Known {
  record: GuildRecord;
  /** Last sequence on the guild's subject: appends expect it, so a concurrent writer is noticed. */
  seq: number;
}

const maxAttempts = 4;
const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** A conflict or an unreachable NATS is worth another try; an invalid event is not. */
const isRetryable = (error: unknown) =>
  !(error instanceof KdError) || error.category !== 'validation';

/**
 * Loads a guild's recorded state, lets the pure decider say what to append, and appends it with
 * optimistic concurrency. State is kept after the first read, so periodic member-count checks do
 * not re-read the stream; a conflict drops it and decides again on fresh state.
 */
@Injectable()
export class GuildLifecycleService {
  private readonly known = new Map<string, Known>();
  private readonly queue = new KeyedQueue();

  constructor(
    private readonly store: EventStore,
    private readonly nats: NatsClients,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Records what the observation changes; resolves with the event types it stored. */
  observe(observation: GuildObservation): Promise<GuildEventType[]> {
    return this.queue.run(observation.guildId, () => this.withRetries(observation));
  }

  drain(): Promise<void> {
    return this.queue.drain();
  }

  private async withRetries(observation: GuildObservation): Promise<GuildEventType[]> {
    const appended: GuildEventType[] = [];
    for (let attempt = 1; ; attempt++) {
      try {
        await this.apply(observation, appended);
        return appended;
      } catch (error) {
        this.known.delete(observation.guildId);
        if (attempt >= maxAttempts || !isRetryable(error)) throw error;
        const { guildId } = observation;
        this.logger.warn({ guildId, attempt, err: String(error) }, 'guild not recorded, retrying');
        await delay(error instanceof ConcurrencyError ? 0 : 1000 * 2 ** attempt);
      }
    }
  }

  /** Appends what the decider asks for; `appended` collects what got stored before a failure. */
  private async apply(observation: GuildObservation, appended: GuildEventType[]): Promise<void> {
    const { guildId } = observation;
    let known = this.known.get(guildId) ?? (await this.load(guildId));
    let stale = false;
    for (const change of decideGuild(known.record, observation)) {
      const result = await this.store.append(toNewEvent(change, guildId), {
        expectedLastSeq: known.seq,
      });
      // A duplicate reports the original's sequence, which may not be the subject's last.
      stale ||= result.duplicate;
      known = { record: evolveGuild(known.record, result.event, result.seq), seq: result.seq };
      if (!result.duplicate) appended.push(change.type);
      this.logger.info(
        { guildId, type: change.type, seq: result.seq, duplicate: result.duplicate },
        'guild event recorded',
      );
    }
    if (stale) this.known.delete(guildId);
    else this.known.set(guildId, known);
  }

  private async load(guildId: string): Promise<Known> {
    // NATS connects in the background: gateway events wait for it rather than fail.
    await this.nats.ready;
    const events = await this.store.readAggregate('guild', guildId);
    const record = events
      .filter(isGuildEvent)
      .reduce((r, { event, seq }) => evolveGuild(r, event, seq), emptyGuildRecord);
    return { record, seq: events.at(-1)?.seq ?? 0 };
  }
}

function isGuildEvent(
  recorded: RecordedEvent,
): recorded is RecordedEvent<DomainEvent<GuildEventType>> {
  return guildEventTypes.includes(recorded.event.type);
}

function toNewEvent(change: GuildChange, guildId: string): NewEvent<GuildEventType> {
  const context = {
    guildId,
    actor: botActor,
    correlationId: currentCorrelationId() ?? `guild-${guildId}`,
    occurredAt: change.occurredAt,
    ...(change.id === undefined ? {} : { id: change.id }),
  };
  switch (change.type) {
    case 'guild.installed':
      return newEvent(change.type, change.payload, context);
    case 'guild.uninstalled':
      return newEvent(change.type, change.payload, context);
    case 'guild.member_count_changed':
      return newEvent(change.type, change.payload, context);
  }
}
