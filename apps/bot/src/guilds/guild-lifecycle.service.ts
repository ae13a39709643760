import { Inject, Injectable } from '@nestjs/common';
import {
  CommandHandler,
  EventStore,
  NatsClients,
  conflictBackoff,
  type LoadedAggregate,
  type RetryPolicy,
} from '@kd/event-store';
import {
  decideGuild,
  guildAggregate,
  guildEvent,
  type GuildEventType,
  type GuildObservation,
  type GuildRecord,
} from '@kd/guilds';
import { currentCorrelationId, type Logger } from '@kd/observability';
import { LOGGER } from '../bot.tokens.js';
import { KeyedQueue } from './keyed-queue.js';

/** A conflict is decided again within milliseconds; an unreachable NATS is waited out 7 to 14 s. */
const policy: RetryPolicy = {
  maxAttempts: 4,
  conflict: conflictBackoff,
  unavailable: { baseMs: 2000, maxMs: 8000 },
};

/**
 * Lets the pure guild decider say what an observation changes and records it through the one
 * command handler. State is kept after the first read, so periodic member-count checks do not
 * re-read the stream; a failure or a duplicate drops it and the next observation reads again.
 */
@Injectable()
export class GuildLifecycleService {
  private readonly known = new Map<string, LoadedAggregate<GuildRecord>>();
  private readonly queue = new KeyedQueue();
  private readonly handler: CommandHandler;

  constructor(
    store: EventStore,
    private readonly nats: NatsClients,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.handler = new CommandHandler({ store, logger });
  }

  /** Records what the observation changes; resolves with the event types it stored. */
  observe(observation: GuildObservation): Promise<GuildEventType[]> {
    return this.queue.run(observation.guildId, () => this.record(observation));
  }

  drain(): Promise<void> {
    return this.queue.drain();
  }

  private async record(observation: GuildObservation): Promise<GuildEventType[]> {
    const { guildId } = observation;
    const known = this.known.get(guildId);
    this.known.delete(guildId);
    // NATS connects in the background: gateway events wait for it rather than fail.
    if (!known) await this.nats.ready;
    const correlationId = currentCorrelationId() ?? `guild-${guildId}`;
    const handled = await this.handler.handle(
      guildAggregate,
      guildId,
      (record) =>
        decideGuild(record, observation).map((c) => guildEvent(c, guildId, correlationId)),
      { policy, ...(known && { loaded: known }) },
    );
    for (const { event, seq } of handled.appended)
      this.logger.info({ guildId, type: event.type, seq }, 'guild event recorded');
    // A duplicate means the stream has more than this state: read it again next time.
    if (handled.duplicates === 0)
      this.known.set(guildId, { state: handled.state, lastSeq: handled.lastSeq });
    return handled.appended.map(({ event }) => event.type as GuildEventType);
  }
}
