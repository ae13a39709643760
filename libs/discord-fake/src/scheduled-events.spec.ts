import { describe, expect, it } from '@jest/globals';
import { ScheduledEvents } from './scheduled-events.js';

const guild = '200000000000000001';
const body = {
  name: 'Standup',
  entity_type: 3,
  privacy_level: 2,
  entity_metadata: { location: 'Discord #general — use /kaltura-join' },
  scheduled_start_time: '2026-12-24T17:00:00.000Z',
  scheduled_end_time: '2026-12-24T18:00:00.000Z',
};

describe('the fake guild scheduled events', () => {
  it('creates an external event in status Scheduled and moves it only forward', () => {
    const events = new ScheduledEvents('100000000000000999');
    const created = events.create(guild, body, '300000000000000001');
    expect(created).toEqual({
      status: 200,
      body: expect.objectContaining({ id: '300000000000000001', status: 1, entity_type: 3 }),
    });
    expect(events.modify(guild, '300000000000000001', { status: 2 }).status).toBe(200);
    expect(events.modify(guild, '300000000000000001', { status: 4 })).toEqual({
      status: 400,
      body: expect.objectContaining({ code: 50035 }),
    });
    expect(events.modify(guild, '300000000000000001', { status: 3 }).status).toBe(200);
    expect(events.list(guild)).toEqual([]);
  });

  it('refuses a guild without Manage Events with 403 50013, and an unknown event with 404', () => {
    const events = new ScheduledEvents('100000000000000999');
    events.deny(guild, true);
    expect(events.create(guild, body, '300000000000000002')).toEqual({
      status: 403,
      body: { code: 50013, message: 'Missing Permissions' },
    });
    events.deny(guild, false);
    expect(events.modify(guild, '300000000000000009', { status: 2 }).status).toBe(404);
    expect(events.remove(guild, '300000000000000009').status).toBe(404);
  });

  it('requires a location and an end after the start', () => {
    const events = new ScheduledEvents('100000000000000999');
    expect(events.create(guild, { ...body, entity_metadata: {} }, '3').status).toBe(400);
    const backwards = { ...body, scheduled_end_time: '2026-12-24T16:00:00.000Z' };
    expect(events.create(guild, backwards, '4').status).toBe(400);
  });
});
