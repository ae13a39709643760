import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { ChannelOwnership, createDiscordRest } from '@kd/discord';
import { newEvent } from '@kd/events';
import { GuildConfigService, loadDefaultConfig } from '@kd/guild-config';
import { newMeetingId } from '@kd/meetings';
import {
  createTestStream,
  snowflakeFor,
  startApp,
  startDiscordRestFake,
  testLogger,
  testNatsUrl,
  type ChildApp,
  type DiscordRestFake,
  type TestStream,
  waitFor,
} from '@kd/testing';

const guildId = snowflakeFor(7_200_001);
const ownerId = snowflakeFor(7_200_002);
const channelId = snowflakeFor(7_200_003);
const admin = { kind: 'user' as const, id: ownerId };
const kaltura = { kind: 'kaltura' as const, id: '100' };
const total = 200;

let fake: DiscordRestFake;
let t: TestStream;
const notifiers: ChildApp[] = [];

beforeAll(async () => {
  // No pre-emptive rate-limit waits: this test is about who posts, not about pacing.
  fake = await startDiscordRestFake({
    botToken: 'notifier-token',
    rateLimit: { limit: 100_000, windowSeconds: 1 },
  });
});
afterAll(() => fake.close());
beforeEach(async () => {
  fake.reset();
  t = await createTestStream();
});
afterEach(async () => {
  await Promise.all(notifiers.map((n) => n.stop()));
  notifiers.length = 0;
  await t.cleanup();
});

const startNotifier = async (): Promise<ChildApp> => {
  const app = await startApp('notifier', {
    NATS_URL: testNatsUrl,
    KD_STREAM: t.stream,
    KD_SUBJECT_PREFIX: t.subjectPrefix,
    DISCORD_TOKEN: 'notifier-token',
    DISCORD_API_URL: fake.apiUrl,
    NOTIFY_BACKOFF_MS: '50',
  });
  notifiers.push(app);
  return app;
};
const running = (app: ChildApp) => app.logs.some((l) => l.includes('notifications running'));
const standingBy = (app: ChildApp) => app.logs.some((l) => l.includes('standing by'));

async function givenChannel(): Promise<void> {
  fake.registerChannel(guildId, channelId);
  const logger = testLogger('guild-config');
  const rest = createDiscordRest({ token: 'notifier-token', apiUrl: fake.apiUrl, logger });
  const config = new GuildConfigService({
    store: t.store,
    defaults: loadDefaultConfig(),
    logger,
    channels: new ChannelOwnership({ rest, now: Date.now }),
  });
  await config.update(guildId, 'notifications.channels.meeting_start', channelId, admin, 'e2e');
}

async function givenMeetings(count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const meetingId = newMeetingId();
    const payload = { meetingId, kalturaResourceId: '4242', type: 'meeting' as const };
    await t.store.append(
      newEvent(
        'meeting.created',
        { ...payload, title: `Meeting ${i}`, ownerUserId: ownerId, description: null },
        { actor: admin, correlationId: `e2e-${i}`, guildId },
      ),
    );
    ids.push(meetingId);
  }
  return ids;
}

const start = (meetingId: string) =>
  t.store.append(
    newEvent('meeting.started', { meetingId }, { actor: kaltura, correlationId: 'e2e', guildId }),
  );

/** Meeting numbers of the posted messages ("Meeting 17" → 17), each as often as it was posted. */
const postedMeetings = () =>
  [...fake.messages.values()].map((m) =>
    Number(/Meeting (\d+)/.exec(typeof m.content === 'string' ? m.content : '')?.[1]),
  );

describe('two notifiers', () => {
  it('post one Discord message per event, and the standby takes over after a SIGKILL', async () => {
    await givenChannel();
    const meetings = await givenMeetings(total);
    const a = await startNotifier();
    await waitFor(() => running(a), { what: 'the first notifier consuming' });
    const b = await startNotifier();
    await waitFor(() => standingBy(b), { what: 'the second notifier standing by' });
    expect(running(b)).toBe(false);

    // Half the events, a kill of the active notifier while it posts, then the other half.
    const half = total / 2;
    for (const id of meetings.slice(0, half)) await start(id);
    await waitFor(() => fake.messages.size >= 40, { what: '40 messages', timeoutMs: 30_000 });
    await a.stop('SIGKILL');
    const killedAt = Date.now();
    const postedAtKill = fake.messages.size;
    for (const id of meetings.slice(half)) await start(id);

    await waitFor(() => running(b), { what: 'the standby consuming', timeoutMs: 20_000 });
    const leaseTakenS = (Date.now() - killedAt) / 1000;
    await waitFor(() => fake.messages.size > postedAtKill, { what: 'a message after the kill' });
    const firstPostS = (Date.now() - killedAt) / 1000;
    await waitFor(() => fake.messages.size >= total, {
      what: `${total} messages`,
      timeoutMs: 60_000,
    });
    const allPostedS = (Date.now() - killedAt) / 1000;
    // Whatever the killed one held is delivered again: give a second copy time to show.
    await new Promise((r) => setTimeout(r, 2_000));

    const posted = postedMeetings();
    expect(posted).toHaveLength(total);
    expect(new Set(posted).size).toBe(total);
    expect(b.process.exitCode).toBeNull();
    console.log(
      `notifier failover: ${postedAtKill} posted before the SIGKILL; standby consuming after ` +
        `${leaseTakenS.toFixed(2)} s, first new message after ${firstPostS.toFixed(2)} s, ` +
        `all ${total} after ${allPostedS.toFixed(2)} s; ${fake.requestsTo('POST', /\/messages$/).length} POSTs`,
    );
  }, 150_000);

  it('a standby leaves the consumer alone, and a SIGTERM hands the lease over at once', async () => {
    const a = await startNotifier();
    await waitFor(() => running(a), { what: 'the first notifier consuming' });
    const created = (await t.jsm.consumers.info(t.stream, 'notifier')).created;
    const b = await startNotifier();
    await waitFor(() => standingBy(b), { what: 'the second notifier standing by' });
    await new Promise((r) => setTimeout(r, 1_500)); // a poll or two
    expect((await t.jsm.consumers.info(t.stream, 'notifier')).created).toBe(created);
    const stoppedAt = Date.now();
    await a.stop();
    await waitFor(() => running(b), { what: 'the standby consuming', timeoutMs: 5_000 });
    console.log(`notifier handover on SIGTERM: ${((Date.now() - stoppedAt) / 1000).toFixed(2)} s`);
  }, 60_000);
});
