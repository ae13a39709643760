import { describe, expect, it } from '@jest/globals';
import { newEvent, type DomainEvent } from '@kd/events';
import { dispatch, handledTypes, type EventHandlers } from './event-handlers.js';

const context = {
  actor: { kind: 'system', id: 'test' },
  correlationId: 'c',
  guildId: null,
} as const;

describe('event handler maps', () => {
  const seen: string[] = [];
  const handlers: EventHandlers<'auth.token_revoked' | 'config.reset', [prefix: string]> = {
    'auth.token_revoked': async (event, prefix) => void seen.push(`${prefix}${event.payload.jti}`),
    'config.reset': async (event, prefix) => void seen.push(`${prefix}${event.payload.section}`),
  };

  it('lists the types of its handlers as what the projection handles', () => {
    expect(handledTypes(handlers).sort()).toEqual(['auth.token_revoked', 'config.reset']);
  });

  it('calls the handler of the event type and skips types without one', async () => {
    const revoked = newEvent(
      'auth.token_revoked',
      { jti: 'j1', revokedBy: 'ops', reason: 'test' },
      context,
    ) as DomainEvent;
    const sent = newEvent(
      'notification.failed',
      { kind: 'meeting_start', channelId: '1', attempts: 1, reason: 'x' },
      context,
    ) as DomainEvent;
    expect(await dispatch(handlers, revoked, '>')).toBe(true);
    expect(await dispatch(handlers, sent, '>')).toBe(false);
    expect(seen).toEqual(['>j1']);
  });
});
