import type { Actor, DomainEvent, EventType, PayloadOf } from '@kd/events';
import { makeEvent } from '../events/make-event.js';

export interface Emit {
  at: number;
  guildId: string | null;
  actor: Actor;
  correlationId: string;
  causationId?: string;
  id: string;
  /** recordedAt − occurredAt. */
  delayMs: number;
}

interface Draft {
  emit: Emit;
  recordedAt: number;
  order: number;
  type: EventType;
  payload: unknown;
}

/** Events as they happen (any order); `recorded()` returns them in recordedAt (stream) order. */
export class Timeline {
  private readonly drafts: Draft[] = [];

  emit<T extends EventType>(type: T, payload: PayloadOf<T>, emit: Emit): string {
    this.drafts.push({
      emit,
      recordedAt: emit.at + emit.delayMs,
      type,
      payload,
      order: this.drafts.length,
    });
    return emit.id;
  }

  /** Events recorded by `nowMs`, in recordedAt order (ties: emission order). */
  recorded(nowMs: number): DomainEvent[] {
    return this.drafts
      .filter((d) => d.recordedAt <= nowMs)
      .sort((a, b) => a.recordedAt - b.recordedAt || a.order - b.order)
      .map(({ emit, type, payload, recordedAt }) =>
        makeEvent(type, payload as never, {
          id: emit.id,
          occurredAt: new Date(emit.at),
          recordedAt: new Date(recordedAt),
          guildId: emit.guildId,
          actor: emit.actor,
          correlationId: emit.correlationId,
          causationId: emit.causationId,
        }),
      );
  }
}
