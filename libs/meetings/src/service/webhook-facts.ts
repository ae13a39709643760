import type { EventStore } from '@kd/event-store';
import { KdError, type DomainEvent } from '@kd/events';
import type { Logger } from '@kd/observability';
import { entryKey, factOfNotification, type KalturaFact } from '../domain/kaltura-fact.js';
import type { WebhookContext } from './meeting-context.js';
import type { MeetingDirectory, RoomLink, ParkedFact } from './meeting-directory.js';
import type { MeetingService, WebhookOutcome } from './meeting.service.js';

type Received = DomainEvent<'kaltura.webhook_received'>;

/** `applied`/`repeat`: recorded now or before; `pending`: parked until its meeting is known. */
export type FactOutcome = 'applied' | 'repeat' | 'pending' | 'no_fact';

export interface WebhookFactsOptions {
  store: EventStore;
  directory: MeetingDirectory;
  meetings: Pick<MeetingService, 'recordStarted' | 'recordEndedByKaltura' | 'recordRecordingReady'>;
  logger: Logger;
}

/**
 * Turns stored Kaltura notifications into meeting events, exactly once: the meeting is found in
 * the directory and confirmed in the event store; a notification whose meeting is not known yet
 * is parked and applied when the meeting appears (`drain`, called after `meeting.created`, and
 * `sweep`, the safety net). Every meeting event's id derives from the notification's event, and
 * the deciders ignore a causation already acted on, so applying twice records once.
 */
export class WebhookFacts {
  private readonly logger: Logger;

  constructor(private readonly options: WebhookFactsOptions) {
    this.logger = options.logger.child({ context: 'WebhookFacts' });
  }

  async apply(received: Received): Promise<FactOutcome> {
    const fact = factOfNotification(received.payload);
    if (!fact) return 'no_fact';
    const done = await this.tryApply(received, fact);
    if (done) return done;
    const parked = { key: fact.keys[0] ?? '', jobId: received.payload.notificationJobId };
    await this.options.directory.park(parked);
    // The meeting may have been recorded (and drained) between the lookup and the park.
    const late = await this.tryApply(received, fact);
    if (!late) {
      this.logger.info({ key: parked.key, jobId: parked.jobId }, 'notification parked');
      return 'pending';
    }
    await this.options.directory.settle(parked);
    return late;
  }

  /** Applies what is parked under `key` once its meeting is known; returns how many applied. */
  async drain(key: string): Promise<number> {
    let applied = 0;
    for (const parked of await this.options.directory.parkedFacts(key)) {
      if (await this.applyParked(parked)) applied++;
    }
    return applied;
  }

  /** Every parked notification whose meeting is known by now (after a crash, a lost drain). */
  async sweep(): Promise<number> {
    const keys = new Set((await this.options.directory.parkedFacts()).map((p) => p.key));
    let applied = 0;
    for (const key of keys) applied += await this.drain(key);
    return applied;
  }

  private async applyParked(parked: ParkedFact): Promise<boolean> {
    const received = await this.storedNotification(parked.jobId);
    const fact = received && factOfNotification(received.payload);
    if (!received || !fact) {
      await this.options.directory.settle(parked);
      return false;
    }
    const outcome = await this.tryApply(received, fact);
    if (!outcome) return false;
    await this.options.directory.settle(parked);
    this.logger.info(
      { key: parked.key, jobId: parked.jobId, outcome },
      'parked notification applied',
    );
    return true;
  }

  /** Records the fact if its meeting is known; undefined when it is not (yet). */
  private async tryApply(received: Received, fact: KalturaFact): Promise<FactOutcome | undefined> {
    const ref = await this.locate(fact);
    if (!ref) return undefined;
    const ctx: WebhookContext = {
      causationId: received.id,
      correlationId: received.correlationId,
      partnerId: received.actor.id,
    };
    let outcome: WebhookOutcome;
    try {
      outcome = await this.record(ref.meetingId, fact, ctx);
    } catch (error) {
      // Linked but not recorded yet (its creation is under way, or died before meeting.created).
      if (error instanceof KdError && error.code === 'MEETING.NOT_FOUND') return undefined;
      throw error;
    }
    if (fact.kind !== 'recording_ready' && fact.roomEntryId)
      await this.linkEntry(fact.roomEntryId, ref);
    return outcome.recorded ? 'applied' : 'repeat';
  }

  /** A room's entry is learnt from its live notifications; its recordings name it as root. */
  private async linkEntry(roomEntryId: string, ref: RoomLink): Promise<void> {
    const key = entryKey(roomEntryId);
    if ((await this.options.directory.find(key))?.meetingId === ref.meetingId) return;
    await this.options.directory.link(key, ref);
    await this.drain(key);
  }

  private async locate(fact: KalturaFact): Promise<RoomLink | undefined> {
    for (const key of fact.keys) {
      const ref = await this.options.directory.find(key);
      if (ref) return ref;
    }
    return undefined;
  }

  private record(meetingId: string, fact: KalturaFact, ctx: WebhookContext) {
    const { meetings } = this.options;
    switch (fact.kind) {
      case 'started':
        return meetings.recordStarted(meetingId, ctx);
      case 'ended':
        return meetings.recordEndedByKaltura(meetingId, ctx);
      case 'recording_ready':
        return meetings.recordRecordingReady(meetingId, fact.entryId, ctx);
    }
  }

  private async storedNotification(jobId: string): Promise<Received | undefined> {
    const events = await this.options.store.readAggregate('kaltura', jobId);
    const found = events.find((r) => r.event.type === 'kaltura.webhook_received');
    return found?.event as Received | undefined;
  }
}
