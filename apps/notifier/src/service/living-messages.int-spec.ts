import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { Registry } from 'prom-client';
import { ChannelOwnership, createDiscordRest } from '@kd/discord';
import { EventStoreUnavailableError, type EventStore } from '@kd/event-store';
import { newEvent, type DomainEvent, type EventType, type NewEvent } from '@kd/events';
import { GuildConfigService, loadDefaultConfig } from '@kd/guild-config';
import {
  createTestStream,
  snowflakeFor,
  startDiscordRestFake,
  testLogger,
  type DiscordRestFake,
  type FakeMessage,
  type TestStream,
} from '@kd/testing';
import { editChannelMessage, ownRetries, postChannelMessage } from '../delivery/discord-poster.js';
import type { NotifyingEvent } from '../notifications/notification-kind.js';
import { createNotificationMetrics } from './notification-metrics.js';
import { NotificationService } from './notification.service.js';

const guildId = snowflakeFor(7_300_001);
const ownerId = snowflakeFor(7_300_002);
const channelId = snowflakeFor(7_300_003);
const guestId = snowflakeFor(7_300_004);
const admin = { kind: 'user' as const, id: ownerId };
const kaltura = { kind: 'kaltura' as const, id: '100' };
const meetingId = 'm0livingint1';
const messagePath = /^\/channels\/\d+\/messages\/\d+$/;
const createPath = /^\/channels\/\d+\/messages$/;

let fake: DiscordRestFake;
let t: TestStream;
let registry: Registry;

beforeAll(async () => {
  fake = await startDiscordRestFake({ botToken: 'living-token' });
});
afterAll(() => fake.close());
beforeEach(async () => {
  fake.reset();
  fake.registerChannel(guildId, channelId);
  registry = new Registry();
  t = await createTestStream();
});
afterEach(() => t.cleanup());

/** A notifier service as the app wires it; each call is a fresh instance (a restart). */
function notifier(store: Pick<EventStore, 'append' | 'lastSeqOf' | 'readAggregate'> = t.store) {
  const logger = testLogger('living');
  const rest = ownRetries(
    createDiscordRest({ token: 'living-token', apiUrl: fake.apiUrl, logger }),
    2000,
  );
  return new NotificationService({
    store,
    guildConfig: new GuildConfigService({ store: t.store, defaults: loadDefaultConfig(), logger }),
    channels: new ChannelOwnership({ rest, now: Date.now }),
    post: (message, signal) => postChannelMessage(rest, message, signal),
    edit: (edit, signal) => editChannelMessage(rest, edit, signal),
    defaults: loadDefaultConfig(),
    policy: { maxAttempts: 2, backoffMs: 10, maxBackoffMs: 100, maxRetryAfterMs: 1000 },
    links: { recordingUrl: 'https://videos.example.org/media/t/{entryId}' },
    logger,
    metrics: createNotificationMetrics(registry),
  });
}

// ---- given ---------------------------------------------------------------------------------

async function setting(key: string, value: string | boolean): Promise<void> {
  const logger = testLogger('config');
  const rest = createDiscordRest({ token: 'living-token', apiUrl: fake.apiUrl, logger });
  const config = new GuildConfigService({
    store: t.store,
    defaults: loadDefaultConfig(),
    logger,
    channels: new ChannelOwnership({ rest, now: Date.now }),
  });
  await config.update(guildId, key, value, admin, 'int');
}

/** A meeting created in the guild, its start announced in `channelId` (living_message: default). */
async function givenMeeting(): Promise<void> {
  await setting('notifications.channels.meeting_start', channelId);
  await append(
    newEvent(
      'meeting.created',
      {
        meetingId,
        kalturaResourceId: '1',
        type: 'meeting',
        title: 'Living',
        ownerUserId: ownerId,
        description: null,
      },
      { actor: admin, correlationId: 'int', guildId },
    ),
  );
}

async function append<T extends EventType>(event: NewEvent<T>): Promise<DomainEvent<T>> {
  return (await t.store.append(event)).event;
}

const context = { actor: kaltura, correlationId: 'int', guildId };
const started = () => append(newEvent('meeting.started', { meetingId }, context));
const joined = () =>
  append(newEvent('meeting.participant_joined', { meetingId, participantId: guestId }, context));
const ended = () => append(newEvent('meeting.ended', { meetingId, endedBy: 'kaltura' }, context));
const recorded = () =>
  append(newEvent('meeting.recording_ready', { meetingId, entryId: '1_rec' }, context));

// ---- then ----------------------------------------------------------------------------------

const messages = (): FakeMessage[] => [...fake.messages.values()];
const stateOf = (message: FakeMessage | undefined) =>
  (message?.embeds as { title?: string }[] | undefined)?.[0]?.title;
const buttonsOf = (message: FakeMessage | undefined) =>
  ((message?.components as { components: Record<string, unknown>[] }[] | undefined) ?? []).flatMap(
    (row) => row.components,
  );

async function outcomeOf(cause: DomainEvent) {
  return (await t.store.readAggregate('notification', cause.id)).map((r) => r.event);
}

async function announcements() {
  const recorded = await t.store.readAggregate('notification', `announcement-${meetingId}`);
  return recorded.map((r) => ({
    type: r.event.type,
    payload: r.event.payload as { messageId?: string },
  }));
}

/** The sum of a metric's series that carry these labels. */
async function count(name: string, labels: Record<string, string>): Promise<number> {
  const metric = await registry.getSingleMetric(name)?.get();
  const matching = (metric?.values ?? []).filter((v) =>
    Object.entries(labels).every(([k, value]) => v.labels[k] === value),
  );
  return matching.reduce((sum, v) => sum + v.value, 0);
}

describe('one living message per meeting', () => {
  it('posts once and edits the same message from live to ended to recording ready', async () => {
    await givenMeeting();
    const service = notifier();
    const causes: NotifyingEvent[] = [];
    for (const next of [started, joined, ended, recorded]) {
      const cause = await next();
      causes.push(cause);
      await service.handle(cause);
    }

    expect(fake.requestsTo('POST', createPath)).toHaveLength(1);
    expect(fake.requestsTo('PATCH', messagePath).map((r) => r.status)).toEqual([200, 200, 200]);
    const [message] = messages();
    expect(messages()).toHaveLength(1);
    expect(stateOf(message)).toBe('Recording ready');
    expect(buttonsOf(message)).toEqual([
      expect.objectContaining({ style: 5, url: 'https://videos.example.org/media/t/1_rec' }),
    ]);
    expect(await announcements()).toEqual([
      {
        type: 'notification.announcement_posted',
        payload: { meetingId, channelId, messageId: message?.id, replaces: null },
      },
    ]);
    const actions = await Promise.all(causes.map(async (c) => (await outcomeOf(c))[0]?.payload));
    expect(actions).toEqual([
      { kind: 'meeting_start', channelId, messageId: message?.id, action: 'posted' },
      { kind: 'meeting_start', channelId, messageId: message?.id, action: 'edited' },
      { kind: 'meeting_end', channelId, messageId: message?.id, action: 'edited' },
      { kind: 'recording_ready', channelId, messageId: message?.id, action: 'edited' },
    ]);
    // While live the message carried Join (no URL); every edit went out pinging nobody.
    const [, liveEdit] = fake.requestsTo('PATCH', messagePath);
    expect(JSON.stringify(liveEdit?.body)).not.toMatch(/virtualEvent|ks=/);
    for (const edit of fake.requestsTo('PATCH', messagePath))
      expect(edit.body).toMatchObject({ allowed_mentions: { parse: [] } });
    expect(await count('kd_living_messages_total', { action: 'edited' })).toBe(3);
  });

  it('edits nothing twice for a redelivered event, and a late start never takes an ended meeting back', async () => {
    await givenMeeting();
    const service = notifier();
    const start = await started();
    await service.handle(start);
    const end = await ended();
    await service.handle(end);
    await service.handle(end);
    await service.handle(start);
    expect(fake.requestsTo('PATCH', messagePath)).toHaveLength(1);
    expect(await count('kd_notifications_total', { outcome: 'duplicate' })).toBe(2);

    // A second start (another webhook) recorded after the end, handled by a restarted notifier.
    await notifier().handle(await started());
    expect(stateOf(messages()[0])).toBe('Ended');
    expect(buttonsOf(messages()[0])).toEqual([]);
    expect(fake.requestsTo('POST', createPath)).toHaveLength(1);
  });

  it('keeps editing the same message after a restart: the id comes from the log', async () => {
    await givenMeeting();
    await notifier().handle(await started());
    const [first] = messages();

    const restarted = notifier();
    await restarted.handle(await ended());

    expect(fake.requestsTo('POST', createPath)).toHaveLength(1);
    expect(fake.requestsTo('PATCH', messagePath).map((r) => r.path)).toEqual([
      `/channels/${channelId}/messages/${first?.id}`,
    ]);
    expect(stateOf(messages()[0])).toBe('Ended');
  });

  it('posts a deleted message again once, records it, and leaves a second deletion alone', async () => {
    await givenMeeting();
    const service = notifier();
    await service.handle(await started());
    const [first] = messages();
    fake.deleteMessage(first?.id ?? '');

    const join = await joined();
    await service.handle(join);
    const [second] = messages();
    expect(second?.id).not.toBe(first?.id);
    expect(stateOf(second)).toBe('Live now');
    expect((await outcomeOf(join))[0]?.payload).toMatchObject({
      action: 'reposted',
      messageId: second?.id,
    });

    fake.deleteMessage(second?.id ?? '');
    const end = await ended();
    await service.handle(end);
    const requestsAfter = fake.requests.length;
    await service.handle(await recorded());

    expect(messages()).toEqual([]);
    expect(fake.requestsTo('POST', createPath)).toHaveLength(2);
    expect(fake.requests).toHaveLength(requestsAfter);
    expect((await outcomeOf(end))[0]).toMatchObject({
      type: 'notification.failed',
      payload: { attempts: 1, reason: expect.stringMatching(/^unknown_message: .*not again$/) },
    });
    expect((await announcements()).map((a) => [a.type, a.payload.messageId])).toEqual([
      ['notification.announcement_posted', first?.id],
      ['notification.announcement_deleted', first?.id],
      ['notification.announcement_posted', second?.id],
      ['notification.announcement_deleted', second?.id],
    ]);
    expect(await count('kd_notifications_total', { outcome: 'skipped' })).toBe(1);
  });

  it('waits out a 429 on an edit and counts it', async () => {
    await givenMeeting();
    const service = notifier();
    await service.handle(await started());
    fake.failNext(1, { status: 429, retryAfter: 0.2 }, messagePath);
    await service.handle(await ended());
    expect(fake.requestsTo('PATCH', messagePath).map((r) => r.status)).toEqual([429, 200]);
    expect(stateOf(messages()[0])).toBe('Ended');
    const limited = { kind: 'meeting_end', result: 'rate_limited' };
    expect(await count('kd_notification_attempts_total', limited)).toBe(1);
  });

  it('records the message it posted even when recording it failed the first time', async () => {
    await givenMeeting();
    let failNext = true;
    const flaky = {
      readAggregate: t.store.readAggregate.bind(t.store),
      lastSeqOf: t.store.lastSeqOf.bind(t.store),
      append: ((e, o) => {
        if (failNext && e.type === 'notification.announcement_posted') {
          failNext = false;
          throw new EventStoreUnavailableError('NATS is down');
        }
        return t.store.append(e, o);
      }) as EventStore['append'],
    };
    const service = notifier(flaky);
    const start = await started();
    await expect(service.handle(start)).rejects.toThrow('NATS is down');
    await service.handle(start);

    expect(fake.requestsTo('POST', createPath)).toHaveLength(1);
    expect(await announcements()).toHaveLength(1);
    expect((await outcomeOf(start))[0]).toMatchObject({ type: 'notification.sent' });
  });

  it("speaks the guild's language", async () => {
    await givenMeeting();
    await setting('general.locale', 'de');
    await notifier().handle(await started());
    const [message] = messages();
    expect(String(message?.content)).toContain('**Living** hat begonnen');
    expect(stateOf(message)).toBe('Jetzt live');
    expect(buttonsOf(message)[0]).toMatchObject({ label: 'Beitreten' });
  });

  it('with living_message off, posts once per event as before', async () => {
    await givenMeeting();
    await setting('notifications.channels.meeting_end', channelId);
    await setting('notifications.living_message', false);
    const service = notifier();
    await service.handle(await started());
    await service.handle(await ended());
    expect(fake.requestsTo('POST', createPath)).toHaveLength(2);
    expect(fake.requestsTo('PATCH', messagePath)).toHaveLength(0);
    expect(await announcements()).toEqual([]);
  });
});
