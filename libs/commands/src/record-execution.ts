import type { EventStore } from '@kd/event-store';
import { newEvent } from '@kd/events';
import { toCommandExecutedPayload, type RecordExecution } from '@kd/discord';
import { correlationOf } from './correlation.js';

/**
 * Every execution becomes `command.executed`, keyed by the interaction id: the event store
 * appends it "first on subject", so a redelivered interaction is recorded once.
 */
export function recordCommandExecution(store: Pick<EventStore, 'append'>): RecordExecution {
  return async (invocation, record) => {
    await store.append(
      newEvent('command.executed', toCommandExecutedPayload(invocation, record), {
        id: `cmd-${invocation.interactionId}`,
        actor: { kind: 'user', id: invocation.user.id },
        correlationId: correlationOf(invocation),
        guildId: invocation.guildId,
      }),
    );
  };
}
