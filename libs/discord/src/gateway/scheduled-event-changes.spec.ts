import { describe, expect, it } from '@jest/globals';
import { scheduledEventDeleted, scheduledEventUserChange } from './scheduled-event-changes.js';

const guildId = '200000000000000001';
const event = { id: '300000000000000001', guildId };
const user = { id: '400000000000000001' };

describe('scheduled event gateway dispatches', () => {
  it('turn USER_ADD / USER_REMOVE into RSVP changes with the event, guild and member', () => {
    expect(scheduledEventUserChange('rsvp_added', event, user)).toEqual({
      kind: 'rsvp_added',
      guildId,
      discordEventId: event.id,
      userId: user.id,
    });
    expect(scheduledEventUserChange('rsvp_removed', event, user)?.kind).toBe('rsvp_removed');
  });

  it('turn DELETE into a deletion', () => {
    expect(scheduledEventDeleted(event)).toEqual({
      kind: 'deleted',
      guildId,
      discordEventId: event.id,
    });
  });

  it('ignore dispatches without a guild or with malformed ids', () => {
    expect(
      scheduledEventUserChange('rsvp_added', { ...event, guildId: null }, user),
    ).toBeUndefined();
    expect(scheduledEventUserChange('rsvp_added', event, { id: 'nobody' })).toBeUndefined();
    expect(scheduledEventDeleted({ id: 'x', guildId })).toBeUndefined();
  });
});
