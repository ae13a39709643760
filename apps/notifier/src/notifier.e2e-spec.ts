import { afterEach, beforeAll, beforeEach, afterAll, describe, expect, it } from '@jest/globals';
import { subjectOf } from '@kd/event-store';
import { ChannelOwnership, createDiscordRest } from '@kd/discord';
import { newEvent, type DomainEvent, type NewEvent } from '@kd/events';
import { GuildConfigService, loadDefaultConfig } from '@kd/guild-config';
import { newMeetingId } from '@kd/meetings';
import {
  commandExecutedEvent,
  createTestStream,
  snowflakeFor,
  startApp,
  startDiscordRestFake,
  testLogger,
  testNatsUrl,
  type ChildApp,
  type DiscordRestFake,
  type RecordedDiscordRequest,
  type TestStream,
  waitFor,
} from '@kd/testing';

const guildId = snowflakeFor(7_100_001);
const ownerId = snowflakeFor(7_100_002);
const channelId = snowflakeFor(7_100_003);
const otherChannelId = snowflakeFor(7_100_004);
const roleId = snowflakeFor(7_100_005);
const admin = { kind: 'user' as const, id: ownerId };
const kaltura = { kind: 'kaltura' as const, id: '100' };
const messagesPath = /^\/channels\/\d+\/messages$/;

let fake: DiscordRestFake;
let t: TestStream;
let notifier: ChildApp | undefined;

beforeAll(async () => {
  fake = await startDiscordRestFake({ botToken: 'notifier-token' });
});
afterAll(() => fake.close());
beforeEach(async () => {
  fake.reset();
  t = await createTestStream();
});
afterEach(async () => {
  await notifier?.stop();
  notifier = undefined;
  await t.cleanup();
});

const env = (extra: Record<string, string> = {}) => ({
  NATS_URL: testNatsUrl,
  KD_STREAM: t.stream,
  KD_SUBJECT_PREFIX: t.subjectPrefix,
  DISCORD_TOKEN: 'notifier-token',
  DISCORD_API_URL: fake.apiUrl,
  NOTIFY_MAX_ATTEMPTS: '3',
  NOTIFY_BACKOFF_MS: '50',
  ...extra,
});

/** Starts the notifier and waits until its consumer listens (a new consumer starts at the head). */
async function startNotifier(extra: Record<string, string> = {}): Promise<ChildApp> {
  const app = await startApp('notifier', env(extra));
  await waitFor(() => app.logs.some((l) => l.includes('notifications running')), {
    what: 'the consumer',
  });
  return app;
}

// ---- given ---------------------------------------------------------------------------------

/** A channel of the guild (known to Discord) set for one kind of notification, as the api does. */
async function givenChannel(kind: string, channel: string): Promise<void> {
  fake.registerChannel(guildId, channel);
  await givenSetting(`notifications.channels.${kind}`, channel);
}

/** A post per event instead of one living message per meeting. */
const givenSeparatePosts = () => givenSetting('notifications.living_message', false);

async function givenSetting(key: string, value: string | boolean): Promise<void> {
  const logger = testLogger('guild-config');
  const rest = createDiscordRest({ token: 'notifier-token', apiUrl: fake.apiUrl, logger });
  const config = new GuildConfigService({
    store: t.store,
    defaults: loadDefaultConfig(),
    logger,
    channels: new ChannelOwnership({ rest, now: Date.now }),
  });
  await config.update(guildId, key, value, admin, 'e2e-config');
}

async function givenMeeting(title: string, correlationId = 'e2e-meeting'): Promise<string> {
  const meetingId = newMeetingId();
  const payload = { meetingId, kalturaResourceId: '4242', type: 'meeting' as const };
  await t.store.append(
    newEvent(
      'meeting.created',
      { ...payload, title, ownerUserId: ownerId, description: null },
      { actor: admin, correlationId, guildId },
    ),
  );
  return meetingId;
}

async function append<T extends DomainEvent['type']>(event: NewEvent<T>): Promise<DomainEvent<T>> {
  return (await t.store.append(event)).event;
}

const started = (meetingId: string) =>
  append(
    newEvent('meeting.started', { meetingId }, { actor: kaltura, correlationId: 'e2e', guildId }),
  );
const ended = (meetingId: string) =>
  append(
    newEvent(
      'meeting.ended',
      { meetingId, endedBy: 'kaltura' },
      { actor: kaltura, correlationId: 'e2e', guildId },
    ),
  );

// ---- then ----------------------------------------------------------------------------------

const posts = (): RecordedDiscordRequest[] => fake.requestsTo('POST', messagesPath);
const gaps = (requests: RecordedDiscordRequest[]) =>
  requests.slice(1).map((r, i) => r.receivedAt - (requests[i]?.receivedAt ?? 0));

async function outcomeOf(cause: DomainEvent) {
  const recorded = await waitFor(
    async () => (await t.store.readAggregate('notification', cause.id))[0],
    { what: `the outcome of ${cause.type}` },
  );
  return recorded.event;
}

/** The value of one series at /metrics (0 when absent), found by name and some of its labels. */
async function metric(app: ChildApp, name: string, labels: Record<string, string> = {}) {
  const text = await (await fetch(`${app.url}/metrics`)).text();
  for (const line of text.split('\n')) {
    const match = /^([a-z_]+)\{(.*)\} (\S+)$/.exec(line);
    if (match?.[1] !== name) continue;
    const series = Object.fromEntries(
      [...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]),
    );
    if (Object.entries(labels).every(([k, v]) => series[k] === v)) return Number(match[3]);
  }
  return 0;
}

describe('notifier process', () => {
  it('posts one message with the title escaped, pinging no one, and records notification.sent', async () => {
    await givenChannel('meeting_start', channelId);
    const meetingId = await givenMeeting(`*Q4* review_plan @everyone <@&${roleId}> @here`);
    notifier = await startNotifier();
    const cause = await started(meetingId);

    const outcome = await outcomeOf(cause);
    expect(posts()).toHaveLength(1);
    const [message] = [...fake.messages.values()];
    expect(outcome).toMatchObject({
      type: 'notification.sent',
      causationId: cause.id,
      guildId,
      payload: { kind: 'meeting_start', channelId, messageId: message?.id },
    });
    const body = posts()[0]?.body as Record<string, unknown>;
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(body).toMatchObject({ enforce_nonce: true, nonce: expect.stringMatching(/^.{1,25}$/) });
    const content = String(body.content);
    expect(content).toContain('\\*Q4\\* review\\_plan');
    expect(content).toContain(`/kaltura-join meeting-id:${meetingId}`);
    // Neither the title's @everyone/@here nor its role tag survive as a mention.
    expect(content).not.toMatch(/@everyone|@here|<@&\d+>/);
    expect(message?.channel_id).toBe(channelId);
  });

  it('waits out a 429 Retry-After, then posts exactly once', async () => {
    await givenChannel('meeting_start', channelId);
    const meetingId = await givenMeeting('Rate limited');
    notifier = await startNotifier();
    fake.failNext(1, { status: 429, retryAfter: 0.5 }, messagesPath);
    const cause = await started(meetingId);

    expect(await outcomeOf(cause)).toMatchObject({ type: 'notification.sent' });
    expect(posts().map((r) => r.status)).toEqual([429, 200]);
    expect(gaps(posts())[0]).toBeGreaterThanOrEqual(500);
    expect(fake.messages.size).toBe(1);
    expect(await metric(notifier, 'kd_discord_rate_limited_total', { scope: 'user' })).toBe(1);
  });

  it('retries 5xx NOTIFY_MAX_ATTEMPTS times, then records notification.failed', async () => {
    await givenChannel('meeting_start', channelId);
    const meetingId = await givenMeeting('Discord is down');
    notifier = await startNotifier();
    fake.failNext(10, { status: 500 }, messagesPath);
    const cause = await started(meetingId);

    expect(await outcomeOf(cause)).toMatchObject({
      type: 'notification.failed',
      payload: {
        kind: 'meeting_start',
        channelId,
        attempts: 3,
        reason: 'server_error: HTTP 500; gave up after 3 attempts',
      },
    });
    expect(posts().map((r) => r.status)).toEqual([500, 500, 500]);
    // NOTIFY_BACKOFF_MS, then twice that.
    const [first = 0, second = 0] = gaps(posts());
    expect(first).toBeGreaterThanOrEqual(50);
    expect(second).toBeGreaterThanOrEqual(100);
    expect(fake.messages.size).toBe(0);
    const failed = { kind: 'meeting_start', outcome: 'failed' };
    expect(await metric(notifier, 'kd_notifications_total', failed)).toBe(1);
  });

  it('posts nothing more for an event stored again, or after a restart', async () => {
    await givenChannel('meeting_start', channelId);
    await givenChannel('meeting_end', channelId);
    await givenSeparatePosts();
    const meetingId = await givenMeeting('Redelivered');
    notifier = await startNotifier();
    const cause = await started(meetingId);
    await outcomeOf(cause);

    // The same event (same id) a second time in the stream, as a lost dedupe window would leave it.
    await t.js.publish(subjectOf(t.subjectPrefix, cause), JSON.stringify(cause));
    const duplicates = { kind: 'meeting_start', outcome: 'duplicate' };
    const first = notifier;
    await waitFor(async () => (await metric(first, 'kd_notifications_total', duplicates)) === 1, {
      what: 'the duplicate',
    });
    await notifier.stop();
    notifier = await startNotifier();
    const end = await ended(meetingId);
    await outcomeOf(end);

    expect(posts()).toHaveLength(2);
    expect([...fake.messages.values()].map((m) => String(m.content))).toEqual([
      expect.stringContaining('has started'),
      expect.stringContaining('has ended'),
    ]);
  });

  it('keeps one living message per meeting across a restart, edited from live to ended', async () => {
    await givenChannel('meeting_start', channelId);
    const meetingId = await givenMeeting('Living');
    notifier = await startNotifier();
    await outcomeOf(await started(meetingId));
    await notifier.stop();
    notifier = await startNotifier();
    const end = await ended(meetingId);

    expect(await outcomeOf(end)).toMatchObject({ payload: { action: 'edited' } });
    expect(posts()).toHaveLength(1);
    const [message] = [...fake.messages.values()];
    expect(fake.requestsTo('PATCH', /^\/channels\/\d+\/messages\/\d+$/).map((r) => r.path)).toEqual(
      [`/channels/${channelId}/messages/${message?.id}`],
    );
    expect(String(message?.content)).toContain('**Living** has ended');
    expect(message?.components).toEqual([]);
  });

  it('skips a stored event it cannot decode, counts it, and goes on with the next one', async () => {
    await givenChannel('meeting_start', channelId);
    const meetingId = await givenMeeting('After the poison');
    notifier = await startNotifier();
    // On another meeting's subject: this one's history must stay readable.
    const poisoned = newMeetingId();
    await t.js.publish(`${t.subjectPrefix}.meeting.${poisoned}`, '{"type":"meeting.started"}');
    await t.js.publish(`${t.subjectPrefix}.meeting.${poisoned}`, 'not json at all');
    const cause = await started(meetingId);
    await outcomeOf(cause);
    expect(posts()).toHaveLength(1);
    const skippedEvents = { durable: 'notifier' };
    const running = notifier;
    await waitFor(
      async () => (await metric(running, 'kd_event_consumer_skipped_total', skippedEvents)) === 2,
      { what: 'the skipped count' },
    );
  });

  it('killed between posting and recording, records the message it posted without a second one', async () => {
    await givenChannel('meeting_start', channelId);
    const meetingId = await givenMeeting('Crash window');
    notifier = await startNotifier();
    fake.holdNext(1, 3_000, messagesPath);
    const cause = await started(meetingId);
    await waitFor(() => fake.messages.size === 1, { what: 'the first post' });
    await notifier.stop('SIGKILL');

    notifier = await startNotifier();
    const outcome = await outcomeOf(cause);
    const [message] = [...fake.messages.values()];
    expect(outcome).toMatchObject({
      type: 'notification.sent',
      payload: { messageId: message?.id },
    });
    // Delivered again after the kill; Discord's enforce_nonce answered with the first message.
    expect(posts()).toHaveLength(2);
    expect(fake.messages.size).toBe(1);
  });

  it("posts to the channel the meeting was started from, and follows the guild's config changes", async () => {
    const command = commandExecutedEvent(7_100_010, guildId);
    fake.registerChannel(guildId, command.payload.channelId ?? '');
    await givenSeparatePosts();
    await t.store.append(command);
    const meetingId = await givenMeeting(
      'From the channel',
      `interaction-${command.payload.interactionId}`,
    );
    notifier = await startNotifier();
    await outcomeOf(await started(meetingId));
    expect(fake.messages.size).toBe(1);
    expect([...fake.messages.values()][0]?.channel_id).toBe(command.payload.channelId);

    await givenChannel('meeting_end', otherChannelId);
    await outcomeOf(await ended(meetingId));
    expect([...fake.messages.values()].map((m) => m.channel_id)).toEqual([
      command.payload.channelId,
      otherChannelId,
    ]);
  });

  it('shows delivery counters and latency at /metrics', async () => {
    await givenChannel('meeting_start', channelId);
    const meetingId = await givenMeeting('Measured');
    const app = (notifier = await startNotifier());
    await outcomeOf(await started(meetingId));

    const kind = 'meeting_start';
    const value = (name: string, labels: Record<string, string>) => metric(app, name, labels);
    expect(await value('kd_notifications_total', { kind, outcome: 'sent' })).toBe(1);
    expect(await value('kd_notifications_total', { kind: 'meeting_end', outcome: 'failed' })).toBe(
      0,
    );
    expect(await value('kd_notification_attempts_total', { kind, result: 'ok' })).toBe(1);
    expect(await value('kd_notification_delivery_duration_seconds_count', { kind })).toBe(1);
    expect(await value('kd_notification_lag_seconds_count', { kind })).toBe(1);
    const route = '/channels/:id/messages';
    expect(await value('kd_discord_requests_total', { route, status_class: '2xx' })).toBe(1);
    const text = await (await fetch(`${app.url}/metrics`)).text();
    expect(text).toMatch(
      /^kd_notifications_total\{kind="meeting_end",outcome="failed",app="notifier"\} 0$/m,
    );
  });

  it('without DISCORD_TOKEN serves health and metrics but consumes nothing', async () => {
    const app = await startApp('notifier', { ...env(), DISCORD_TOKEN: undefined });
    notifier = app;
    const ready = await waitFor(
      async () => {
        const response = await fetch(`${app.url}/health/ready`);
        return response.ok && ((await response.json()) as object);
      },
      { what: 'readiness' },
    );
    expect(ready).toMatchObject({ status: 'ready', checks: { nats: 'ok' } });
    expect((await fetch(`${app.url}/metrics`)).status).toBe(200);
    expect(app.logs.join('\n')).toContain('DISCORD_TOKEN is not set');
    await expect(t.jsm.consumers.info(t.stream, 'notifier')).rejects.toThrow();
    expect(fake.requests).toHaveLength(0);
  });
});
