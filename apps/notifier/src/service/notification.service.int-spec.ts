import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { Registry } from 'prom-client';
import { ChannelOwnership, createDiscordRest } from '@kd/discord';
import { EventStoreUnavailableError, type EventStore } from '@kd/event-store';
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
import { editChannelMessage, ownRetries, postChannelMessage } from '../delivery/discord-poster.js';
import type { NotifyingEvent } from '../notifications/notification-kind.js';
import { createNotificationMetrics } from './notification-metrics.js';
import { NotificationService } from './notification.service.js';

const guildId = snowflakeFor(7_200_001);
const ownerId = snowflakeFor(7_200_002);
const channelId = snowflakeFor(7_200_003);
const otherGuild = snowflakeFor(7_200_004);
const foreignChannel = snowflakeFor(7_200_005);
const admin = { kind: 'user' as const, id: ownerId };
const meetingId = 'm0notifyint01';

let fake: DiscordRestFake;
let t: TestStream;
let registry: Registry;

beforeAll(async () => {
  fake = await startDiscordRestFake({ botToken: 'int-token' });
});
afterAll(() => fake.close());
beforeEach(async () => {
  fake.reset();
  fake.registerChannel(guildId, channelId);
  fake.registerChannel(otherGuild, foreignChannel);
  registry = new Registry();
  t = await createTestStream();
});
afterEach(() => t.cleanup());

/** The service on the test stream; `store` lets a test break appends, `token` be refused. */
function notifier(
  store: Pick<EventStore, 'append' | 'lastSeqOf' | 'readAggregate'> = t.store,
  token = 'int-token',
  maxEventAgeMs?: number,
) {
  const logger = testLogger('notifier');
  const rest = ownRetries(createDiscordRest({ token, apiUrl: fake.apiUrl, logger }), 2000);
  return new NotificationService({
    store,
    guildConfig: new GuildConfigService({ store: t.store, defaults: loadDefaultConfig(), logger }),
    channels: new ChannelOwnership({ rest, now: Date.now }),
    post: (message, signal) => postChannelMessage(rest, message, signal),
    edit: (edit, signal) => editChannelMessage(rest, edit, signal),
    defaults: loadDefaultConfig(),
    policy: { maxAttempts: 2, backoffMs: 10, maxBackoffMs: 100, maxRetryAfterMs: 1000 },
    links: {},
    logger,
    metrics: createNotificationMetrics(registry),
    maxEventAgeMs,
  });
}

/** The guild configuration service as the api runs it: channels are checked with Discord. */
function configService(): GuildConfigService {
  const logger = testLogger('config');
  const rest = createDiscordRest({ token: 'int-token', apiUrl: fake.apiUrl, logger });
  return new GuildConfigService({
    store: t.store,
    defaults: loadDefaultConfig(),
    logger,
    channels: new ChannelOwnership({ rest, now: Date.now }),
  });
}

/**
 * A meeting that started; `channel` set for meeting_start, or, with `unchecked`, recorded as a
 * `config.updated` written before channel settings were checked (or by a forged event).
 */
async function given(channel: string, enabled = true, unchecked = false): Promise<NotifyingEvent> {
  const config = configService();
  const key = 'notifications.channels.meeting_start';
  const context = { actor: admin, correlationId: 'int', guildId };
  if (unchecked)
    await t.store.append(
      newEvent(
        'config.updated',
        { key, oldValue: 'default', newValue: channel, actorUserId: ownerId },
        context,
      ),
    );
  else await config.update(guildId, key, channel, admin, 'int');
  // These tests are about a post per event (living-messages.int-spec.ts covers the other mode).
  await config.update(guildId, 'notifications.living_message', false, admin, 'int');
  if (!enabled) await config.update(guildId, 'notifications.enabled', false, admin, 'int');
  const created = { meetingId, kalturaResourceId: '1', type: 'meeting' as const };
  await t.store.append(
    newEvent(
      'meeting.created',
      { ...created, title: 'Int', ownerUserId: ownerId, description: null },
      context,
    ),
  );
  return (await t.store.append(newEvent('meeting.started', { meetingId }, context))).event;
}

async function count(outcome: string): Promise<number> {
  const metric = await registry.getSingleMetric('kd_notifications_total')?.get();
  return (
    metric?.values.find((v) => v.labels.kind === 'meeting_start' && v.labels.outcome === outcome)
      ?.value ?? 0
  );
}

describe('NotificationService', () => {
  it('keeps an outcome it could not record, and records it without posting when the event comes again', async () => {
    const event = await given(channelId);
    let failAppends = true;
    const flaky = {
      readAggregate: t.store.readAggregate.bind(t.store),
      lastSeqOf: t.store.lastSeqOf.bind(t.store),
      append: ((e, o) => {
        if (failAppends) throw new EventStoreUnavailableError('NATS is down');
        return t.store.append(e, o);
      }) as EventStore['append'],
    };
    const service = notifier(flaky);

    await expect(service.handle(event)).rejects.toThrow('NATS is down');
    failAppends = false;
    await service.handle(event);

    expect(fake.requestsTo('POST', /messages$/)).toHaveLength(1);
    const [outcome] = await t.store.readAggregate('notification', event.id);
    const [message] = [...fake.messages.values()];
    expect(outcome?.event).toMatchObject({
      type: 'notification.sent',
      payload: { messageId: message?.id },
    });
    expect(await count('sent')).toBe(1);
  });

  it('posts nothing and records nothing for a guild that turned notifications off', async () => {
    const event = await given(channelId, false);
    const before = fake.requests.length;
    await notifier().handle(event);
    expect(fake.requests).toHaveLength(before);
    expect(await t.store.readAggregate('notification', event.id)).toEqual([]);
    expect(await count('skipped')).toBe(1);
  });

  it('records notification.failed after one attempt when Discord refuses the request', async () => {
    const event = await given(channelId);
    const before = fake.requests.length;
    await notifier(t.store, 'revoked-token').handle(event);
    expect(fake.requests.slice(before).map((r) => `${r.method} ${r.status}`)).toEqual(['GET 401']);
    const [outcome] = await t.store.readAggregate('notification', event.id);
    expect(outcome?.event).toMatchObject({
      type: 'notification.failed',
      payload: { attempts: 1, reason: expect.stringMatching(/^rejected: HTTP 401 /) },
    });
  });

  it('does not announce a meeting that started before the age limit, but still announces its late recording', async () => {
    await given(channelId);
    await configService().update(
      guildId,
      'notifications.channels.recording_ready',
      channelId,
      admin,
      'int',
    );
    const hourAndMinuteAgo = new Date(Date.now() - 61 * 60_000);
    const old = { actor: admin, correlationId: 'int', guildId, occurredAt: hourAndMinuteAgo };
    const append = async <T extends 'meeting.started' | 'meeting.recording_ready'>(
      type: T,
      payload: Parameters<typeof newEvent<T>>[1],
      context = old,
    ) => (await t.store.append(newEvent(type, payload, context))).event as NotifyingEvent;
    const service = notifier(t.store, 'int-token', 60 * 60_000);

    await service.handle(await append('meeting.started', { meetingId }));
    expect(fake.requestsTo('POST', /messages$/)).toHaveLength(0);
    expect(await count('skipped')).toBe(1);

    await service.handle(await append('meeting.recording_ready', { meetingId, entryId: '0_late' }));
    await service.handle(
      await append('meeting.started', { meetingId }, { ...old, occurredAt: new Date() }),
    );
    expect([...fake.messages.values()].map((m) => String(m.content))).toEqual([
      expect.stringContaining('recording of **Int** is ready'),
      expect.stringContaining('**Int** has started'),
    ]);
  });

  it("records channel_not_in_guild instead of posting into another guild's channel", async () => {
    const event = await given(foreignChannel, true, true);
    await notifier().handle(event);
    expect(fake.requestsTo('POST', /messages$/)).toEqual([]);
    expect(fake.messages.size).toBe(0);
    const outcomes = await t.store.readAggregate('notification', event.id);
    expect(outcomes.map((o) => o.event)).toEqual([
      expect.objectContaining({
        type: 'notification.failed',
        payload: {
          kind: 'meeting_start',
          channelId: foreignChannel,
          attempts: 1,
          reason: 'channel_not_in_guild',
        },
      }),
    ]);
    expect(await count('failed')).toBe(1);
  });

  it('refuses to set a channel of another guild, or one Discord does not know', async () => {
    for (const channel of [foreignChannel, snowflakeFor(7_200_006)])
      await expect(given(channel)).rejects.toMatchObject({ code: 'CONFIG.CHANNEL_NOT_IN_GUILD' });
    expect(await t.store.readAggregate('config', guildId)).toEqual([]);
  });
});
