import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import type { Msg } from '@nats-io/transport-node';
import { decodeEvent, installedPersonKeyring, type Aggregate, type DomainEvent } from '@kd/events';
import { ensureKeysFor } from './person-keys/keyring-registry.js';
import type { Logger } from '@kd/observability';

export interface LiveEventsOptions {
  /** A NatsClients, or any connection that becomes ready. */
  nats: { ready: Promise<void>; readonly nc: NatsConnection };
  subjectPrefix: string;
  aggregate: Aggregate;
  logger: Logger;
  onEvent: (event: DomainEvent) => void;
}

/**
 * Hears the events of one aggregate type as they are published, on a plain (core NATS)
 * subscription to the stream's subjects: no consumer state on the server, nothing replayed.
 * A message missed while disconnected is not redelivered, so this suits hints such as cache
 * invalidation that have a slower safety net (the config cache's TTL), never projections.
 */
export class LiveEvents {
  private subscription: Subscription | undefined;
  private closed = false;
  /** Messages are decoded one after the other (keys may need loading first), in arrival order. */
  private delivered: Promise<void> = Promise.resolve();

  constructor(private readonly options: LiveEventsOptions) {
    options.nats.ready.then(() => this.subscribe()).catch(() => undefined);
  }

  close(): void {
    this.closed = true;
    this.subscription?.unsubscribe();
  }

  private subscribe(): void {
    if (this.closed) return;
    const { nats, subjectPrefix, aggregate, logger, onEvent } = this.options;
    this.subscription = nats.nc.subscribe(`${subjectPrefix}.${aggregate}.>`, {
      callback: (error, message) => {
        if (error) return void logger.warn({ err: String(error), aggregate }, 'live events error');
        this.delivered = this.delivered.then(() => this.deliver(message, onEvent));
      },
    });
  }

  private async deliver(message: Msg, onEvent: (event: DomainEvent) => void): Promise<void> {
    try {
      const keyring = installedPersonKeyring();
      await ensureKeysFor(keyring, [message]);
      onEvent(decodeEvent(message.json(), keyring));
    } catch (err) {
      this.options.logger.warn(
        { err: String(err), subject: message.subject },
        'undecodable live event',
      );
    }
  }
}
