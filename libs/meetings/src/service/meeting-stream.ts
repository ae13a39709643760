import { ConcurrencyError, type EventStore, type RecordedEvent } from '@kd/event-store';
import { newEvent } from '@kd/events';
import { evolveMeeting, foldMeeting } from '../domain/evolve-meeting.js';
import type { MeetingDecision, MeetingEvent, MeetingState } from '../domain/meeting-state.js';
import type { ContextFor } from './meeting-context.js';

export interface LoadedMeeting {
  state: MeetingState;
  /** Stream sequence of the last event on the meeting's subject (0 = none): the expected seq. */
  lastSeq: number;
}

/** The event-sourced meeting aggregate on its subject: load by replay, append with the expected seq. */
export class MeetingStream {
  constructor(private readonly store: EventStore) {}

  async load(meetingId: string): Promise<LoadedMeeting> {
    const recorded = await this.store.readAggregate('meeting', meetingId);
    return {
      state: foldMeeting(recorded.map((r) => r.event as MeetingEvent)),
      lastSeq: recorded.at(-1)?.seq ?? 0,
    };
  }

  /**
   * Appends the decisions in order, each expecting the previous one's sequence, and returns the
   * state after them. A stale `expectedLastSeq` throws ConcurrencyError before anything is stored.
   */
  async append(
    loaded: LoadedMeeting,
    decisions: readonly MeetingDecision[],
    context: ContextFor,
  ): Promise<LoadedMeeting & { appended: RecordedEvent[] }> {
    let { state, lastSeq } = loaded;
    const appended: RecordedEvent[] = [];
    for (const decision of decisions) {
      const event = newEvent(decision.type, decision.payload, context(decision.type));
      const result = await this.store.append(event, { expectedLastSeq: lastSeq });
      if (result.duplicate) continue;
      state = evolveMeeting(state, result.event);
      lastSeq = result.seq;
      appended.push({
        seq: result.seq,
        event: result.event,
        recordedVersion: result.event.version,
      });
    }
    return { state, lastSeq, appended };
  }
}

/**
 * Runs `attempt` again (it reloads and decides again) when another writer got there first, after
 * a short random pause so writers that collided do not collide again in lockstep.
 */
export async function retryOnConflict<T>(
  maxAttempts: number,
  attempt: () => Promise<T>,
): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof ConcurrencyError) || n >= maxAttempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * n));
    }
  }
}
