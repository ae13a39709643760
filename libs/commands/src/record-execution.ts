import { EventStoreUnavailableError, type EventStore } from '@kd/event-store';
import { newEvent } from '@kd/events';
import { toCommandExecutedPayload, type RecordExecution } from '@kd/discord';
import { correlationOf } from './correlation.js';

/**
 * Waits between attempts at recording an execution while the event store is unavailable: about
 * 15 s in all (plus each attempt's own publish timeout), longer than a JetStream cluster takes to
 * elect a new stream leader, so a command answered during a failover is still recorded.
 */
export const recordRetryDelaysMs = [250, 500, 1000, 2000, 2000, 3000, 3000, 3000];

const anonymous = new WeakMap<object, string>();

/** Records this invocation under a placeholder instead of the member (after they were forgotten). */
export function recordAs(invocation: object, placeholder: string): void {
  anonymous.set(invocation, placeholder);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Every execution becomes `command.executed`, keyed by the interaction id: the event store
 * appends it "first on subject", so a redelivered interaction is recorded once, and so is an
 * append retried after its answer was lost (a stream leader killed mid-publish). The reply
 * waits for the record; a command that outlasts the inline budget is deferred meanwhile.
 */
export function recordCommandExecution(
  store: Pick<EventStore, 'append'>,
  retryDelaysMs: readonly number[] = recordRetryDelaysMs,
): RecordExecution {
  return async (invocation, record) => {
    const as = anonymous.get(invocation);
    const payload = toCommandExecutedPayload(invocation, record);
    const event = newEvent('command.executed', as ? { ...payload, userId: as } : payload, {
      id: `cmd-${invocation.interactionId}`,
      actor: { kind: 'user', id: as ?? invocation.user.id },
      correlationId: correlationOf(invocation),
      guildId: invocation.guildId,
    });
    for (let attempt = 0; ; attempt++) {
      try {
        await store.append(event);
        return;
      } catch (error) {
        const delay = retryDelaysMs[attempt];
        if (!(error instanceof EventStoreUnavailableError) || delay === undefined) throw error;
        await sleep(delay);
      }
    }
  };
}
