import type { EventStore } from '@kd/event-store';
import { newEvent, type DomainEvent, type NewEvent, type PayloadOf } from '@kd/events';
import type { NotificationKind } from '@kd/guild-config';
import type { DeliveryResult } from '../delivery/deliver-with-retry.js';

/** What a living message's edit did (`notification.sent.action`); absent for a post per event. */
export type NotificationAction = NonNullable<PayloadOf<'notification.sent'>['action']>;

export type OutcomeEvent = NewEvent<'notification.sent' | 'notification.failed'>;

/**
 * Records a delivery as `notification.sent`/`notification.failed` on the subject of its cause.
 * Both are "first on subject", so the log holds one outcome per event: the guard against posting
 * twice. An outcome that could not be appended is kept in memory and appended when the event is
 * handled again (the consumer retries it), instead of posting a second time.
 */
export class OutcomeRecorder {
  private readonly unrecorded = new Map<string, OutcomeEvent>();

  constructor(private readonly store: Pick<EventStore, 'append' | 'lastSeqOf'>) {}

  async alreadyRecorded(causeId: string): Promise<boolean> {
    return (await this.store.lastSeqOf('notification', causeId)) > 0;
  }

  /** Appends an outcome left over from a failed append; returns it, or undefined if none. */
  async flush(causeId: string): Promise<OutcomeEvent | undefined> {
    const pending = this.unrecorded.get(causeId);
    if (pending) await this.append(causeId, pending);
    return pending;
  }

  /** Returns true when another outcome was recorded first (the event had already been handled). */
  async record(
    cause: DomainEvent,
    delivery: { kind: NotificationKind; channelId: string; action?: NotificationAction },
    result: DeliveryResult,
  ): Promise<boolean> {
    const context = {
      actor: { kind: 'system' as const, id: 'notifier' },
      correlationId: cause.correlationId,
      causationId: cause.id,
      guildId: cause.guildId,
    };
    const { kind, channelId, action } = delivery;
    const outcome: OutcomeEvent = result.ok
      ? newEvent(
          'notification.sent',
          { kind, channelId, messageId: result.messageId, ...(action ? { action } : {}) },
          context,
        )
      : newEvent(
          'notification.failed',
          { kind, channelId, attempts: result.attempts, reason: result.reason },
          context,
        );
    return this.append(cause.id, outcome);
  }

  private async append(causeId: string, outcome: OutcomeEvent): Promise<boolean> {
    this.unrecorded.set(causeId, outcome);
    const { duplicate } = await this.store.append(outcome);
    this.unrecorded.delete(causeId);
    return duplicate;
  }
}
