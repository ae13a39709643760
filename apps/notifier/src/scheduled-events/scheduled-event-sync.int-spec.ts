import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { REST } from '@discordjs/rest';
import { createDiscordRest, createScheduledEvent } from '@kd/discord';
import { newEvent, type EventType, type PayloadOf } from '@kd/events';
import { DiscordEventFacts, type MeetingEvent } from '@kd/meetings';
import {
  createTestStream,
  snowflakeFor,
  startDiscordRestFake,
  testLogger,
  type DiscordRestFake,
  type TestStream,
} from '@kd/testing';
import { ScheduledEventSync } from './scheduled-event-sync.js';

const guildId = snowflakeFor(7_400_001);
const hostId = snowflakeFor(7_400_002);
const channelId = snowflakeFor(7_400_003);
const meetingId = 'm0syncint01';
const context = { actor: { kind: 'user' as const, id: hostId }, correlationId: 'int', guildId };
const now = () => new Date('2026-12-31T23:30:00.000Z');

let fake: DiscordRestFake;
let t: TestStream;
let rest: REST;
let sync: ScheduledEventSync;

beforeAll(async () => {
  fake = await startDiscordRestFake({ botToken: 'int-token' });
});
afterAll(() => fake.close());
beforeEach(async () => {
  fake.reset();
  t = await createTestStream();
  const logger = testLogger('sync');
  rest = createDiscordRest({ token: 'int-token', apiUrl: fake.apiUrl, logger });
  const facts = new DiscordEventFacts(t.store, logger);
  sync = new ScheduledEventSync({ store: t.store, facts, rest, logger, now });
});
afterEach(() => t.cleanup());

async function append<T extends EventType>(type: T, payload: PayloadOf<T>) {
  return (await t.store.append(newEvent(type, payload, context))).event as unknown as MeetingEvent;
}

/** A scheduled meeting whose Discord event exists and is linked; returns the Discord event id. */
async function linkedMeeting(): Promise<string> {
  const created = { meetingId, kalturaResourceId: '1', type: 'meeting' as const, title: 'Sync' };
  await append('meeting.created', { ...created, ownerUserId: hostId, description: null });
  const startsAt = '2027-01-01T00:00:00.000Z';
  await append('meeting.scheduled', {
    meetingId,
    startsAt,
    durationMinutes: 30,
    timezone: 'UTC',
    scheduledBy: hostId,
    channelId,
  });
  const outcome = await createScheduledEvent(rest, guildId, {
    name: 'Sync',
    location: 'Discord #general — use /kaltura-join',
    startsAt: new Date(startsAt),
    endsAt: new Date('2027-01-01T00:30:00.000Z'),
  });
  if (outcome.kind !== 'ok') throw new Error('no event');
  await sync.sync(
    await append('meeting.discord_event_linked', { meetingId, discordEventId: outcome.event.id }),
  );
  return outcome.event.id;
}

const status = (id: string) => fake.scheduledEvents.get(id)?.status;
const patches = () => fake.requestsTo('PATCH', /scheduled-events/).length;

describe('ScheduledEventSync', () => {
  it('moves the Discord event to Active when the meeting starts and Completed when it ends, once', async () => {
    const id = await linkedMeeting();
    expect(status(id)).toBe(1);
    const started = await append('meeting.started', { meetingId });
    await sync.sync(started);
    expect(status(id)).toBe(2);
    await sync.sync(started); // redelivered
    expect(patches()).toBe(1);
    const ended = await append('meeting.ended', { meetingId, endedBy: hostId });
    await sync.sync(ended);
    await sync.sync(started); // late: never reopens
    expect(status(id)).toBe(3);
    expect(patches()).toBe(2);
  });

  it('cancels the Discord event of a canceled meeting', async () => {
    const id = await linkedMeeting();
    await sync.sync(await append('meeting.canceled', { meetingId, canceledBy: hostId }));
    expect(status(id)).toBe(4);
  });

  it('records a Discord event deleted by a moderator, and leaves the meeting alone', async () => {
    const id = await linkedMeeting();
    fake.scheduledEvents.delete(id);
    await sync.sync(await append('meeting.started', { meetingId }));
    const deleted = await t.eventsOfType('meeting.discord_event_deleted');
    expect(deleted).toEqual([
      expect.objectContaining({ payload: { meetingId, discordEventId: id } }),
    ]);
    await sync.sync(await append('meeting.ended', { meetingId, endedBy: hostId }));
    expect(await t.eventsOfType('meeting.discord_event_deleted')).toHaveLength(1);
    expect(await t.eventsOfType('meeting.ended')).toHaveLength(1);
  });
});
