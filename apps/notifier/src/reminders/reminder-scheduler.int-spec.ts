import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createDiscordRest } from '@kd/discord';
import { newEvent } from '@kd/events';
import { GuildConfigService, loadDefaultConfig } from '@kd/guild-config';
import {
  createTestStream,
  snowflakeFor,
  startDiscordRestFake,
  testLogger,
  type DiscordRestFake,
  type TestStream,
} from '@kd/testing';
import { createReminderScheduler } from './reminders.providers.js';
import { reminderCauseId, type ReminderScheduler } from './reminder-scheduler.js';

const guildId = snowflakeFor(7_300_001);
const hostId = snowflakeFor(7_300_002);
const channelId = snowflakeFor(7_300_003);
const meetingId = 'm0remindin1';
const startsAt = '2026-12-28T00:00:00.000Z'; // Monday 00:00 of ISO week 53
const context = { actor: { kind: 'user' as const, id: hostId }, correlationId: 'int', guildId };

let fake: DiscordRestFake;
let t: TestStream;
let scheduler: ReminderScheduler;

beforeAll(async () => {
  fake = await startDiscordRestFake({ botToken: 'int-token' });
});
afterAll(() => fake.close());
beforeEach(async () => {
  fake.reset();
  fake.registerChannel(guildId, channelId);
  t = await createTestStream();
  const logger = testLogger('reminders');
  const rest = createDiscordRest({ token: 'int-token', apiUrl: fake.apiUrl, logger });
  const guildConfig = new GuildConfigService({
    store: t.store,
    defaults: loadDefaultConfig(),
    logger,
  });
  scheduler = createReminderScheduler({
    store: t.store,
    nats: { js: t.js },
    rest,
    guildConfig,
    logger,
  });
});
afterEach(() => t.cleanup());

async function scheduleMeeting() {
  const created = {
    meetingId,
    kalturaResourceId: '1',
    type: 'meeting' as const,
    title: 'Week 53 @everyone',
  };
  await t.store.append(
    newEvent('meeting.created', { ...created, ownerUserId: hostId, description: null }, context),
  );
  const schedule = {
    meetingId,
    startsAt,
    durationMinutes: 60,
    timezone: 'UTC',
    scheduledBy: hostId,
    channelId,
  };
  const { event } = await t.store.append(newEvent('meeting.scheduled', schedule, context));
  await scheduler.onScheduled(event);
  return event;
}

const at = (iso: string) => new Date(iso);

describe('ReminderScheduler', () => {
  it('waits until reminder_minutes before the start, then posts once with the Join button', async () => {
    const scheduled = await scheduleMeeting();
    expect((await scheduler.tick(at('2026-12-27T23:44:59.000Z'))).get(meetingId)).toBe('waiting');
    expect(fake.publicMessages()).toHaveLength(0);

    expect((await scheduler.tick(at('2026-12-27T23:45:00.000Z'))).get(meetingId)).toBe('sent');
    const [message] = fake.publicMessages();
    expect(message?.channel_id).toBe(channelId);
    expect(message?.content).toContain('starts in 15 minutes');
    expect(message?.content).toContain('<t:1798416000:F>');
    expect(message?.content).not.toContain('@everyone');
    expect(JSON.stringify(message?.components)).toContain(`join:${meetingId}`);

    const sent = await t.eventsOfType('notification.sent');
    expect(sent).toEqual([
      expect.objectContaining({
        causationId: reminderCauseId(scheduled.id),
        payload: expect.objectContaining({ kind: 'meeting_reminder', channelId }),
      }),
    ]);
    // A redelivered meeting.scheduled and later ticks remind nobody again.
    await scheduler.onScheduled(scheduled);
    expect((await scheduler.tick(at('2026-12-27T23:50:00.000Z'))).get(meetingId)).toBe(
      'already_sent',
    );
    expect(await scheduler.tick(at('2026-12-27T23:55:00.000Z'))).toEqual(new Map());
    expect(fake.publicMessages()).toHaveLength(1);
  });

  it('drops the reminder of a canceled meeting', async () => {
    await scheduleMeeting();
    await t.store.append(newEvent('meeting.canceled', { meetingId, canceledBy: hostId }, context));
    expect((await scheduler.tick(at('2026-12-27T23:50:00.000Z'))).get(meetingId)).toBe('dropped');
    expect(fake.publicMessages()).toHaveLength(0);
    expect(await t.eventsOfType('notification.sent')).toEqual([]);
  });
});
