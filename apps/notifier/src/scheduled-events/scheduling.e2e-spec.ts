import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createDiscordRest, generateDiscordKeys, signDiscordRequest } from '@kd/discord';
import { newEvent, type DomainEvent } from '@kd/events';
import { GuildConfigService, loadDefaultConfig } from '@kd/guild-config';
import {
  commandInteraction,
  interactionChannelId,
  interactionGuildId,
  memberPermissions,
  interactionMember,
  sharedEnv,
  startApiStack,
  startApp,
  testLogger,
  waitFor,
  type ApiStack,
  type ChildApp,
} from '@kd/testing';
import { createReminderScheduler } from '../reminders/reminders.providers.js';

/**
 * `/kaltura-schedule` through the signed `/interactions` endpoint of the built api, the
 * notifier keeping the Discord event in step, and the reminder fired at a fixed clock.
 */
const keys = generateDiscordKeys();
let stack: ApiStack;
let notifier: ChildApp;

beforeAll(async () => {
  stack = await startApiStack({ keys });
  stack.discord.registerChannel(interactionGuildId, interactionChannelId, { name: 'general' });
  notifier = await startApp('notifier', {
    ...sharedEnv(stack.db, stack.t),
    DISCORD_TOKEN: stack.secrets.botToken,
    DISCORD_API_URL: stack.discord.apiUrl,
  });
  await waitFor(() => notifier.logs.some((l) => l.includes('notifications running')), {
    what: 'the notifier consumer',
  });
}, 120_000);
afterAll(async () => {
  await notifier?.stop();
  await stack?.stop();
});

async function interact(body: ReturnType<typeof commandInteraction>) {
  const text = JSON.stringify(body);
  const signed = signDiscordRequest(text, keys.privateKey);
  const response = await fetch(`${stack.api.url}/interactions`, {
    method: 'POST',
    body: text,
    headers: { 'content-type': 'application/json', ...signed.headers },
  });
  expect(response.status).toBe(200);
  return waitFor(async () => {
    const answers = stack.discord.requests.filter(
      (r) => r.path.includes(body.token) && ['PATCH', 'POST'].includes(r.method),
    );
    return answers.length > 0 ? answers : undefined;
  });
}

const contentOf = (requests: { body: unknown }[]) =>
  requests.map((r) => (r.body as { content?: string }).content ?? '').join('\n');

const eventOf = async <T extends string>(type: T, meetingId: string) =>
  waitFor(async () =>
    (await stack.t.eventsOfType(type)).find(
      (e) => (e.payload as { meetingId?: string }).meetingId === meetingId,
    ),
  ) as Promise<DomainEvent>;

async function schedule(title: string): Promise<{ meetingId: string; answer: string }> {
  const interaction = commandInteraction('kaltura-schedule', {
    type: 'meeting',
    title,
    when: 'in 2 hours',
    duration: 45,
  });
  const answers = await interact(interaction);
  const created = await waitFor(async () =>
    (await stack.t.eventsOfType('meeting.created')).find(
      (e) => (e.payload as { title: string }).title === title,
    ),
  );
  return {
    meetingId: (created.payload as { meetingId: string }).meetingId,
    answer: contentOf(answers),
  };
}

const kalturaContext = {
  actor: { kind: 'kaltura' as const, id: '100' },
  correlationId: 'e2e',
  guildId: interactionGuildId,
};

async function appendAsKaltura(type: 'meeting.started' | 'meeting.ended', meetingId: string) {
  if (type === 'meeting.started')
    await stack.t.store.append(newEvent('meeting.started', { meetingId }, kalturaContext));
  else
    await stack.t.store.append(
      newEvent('meeting.ended', { meetingId, endedBy: 'kaltura' }, kalturaContext),
    );
}

describe('/kaltura-schedule end to end', () => {
  it('creates the Discord event, reminds once at the fixed clock, and follows start and end', async () => {
    const { meetingId, answer } = await schedule('Quarterly review');
    expect(answer).toContain('Quarterly review');
    expect(answer).toContain('Discord event was created');
    const scheduled = await eventOf('meeting.scheduled', meetingId);
    const linked = await eventOf('meeting.discord_event_linked', meetingId);
    const discordEventId = (linked.payload as { discordEventId: string }).discordEventId;
    const event = stack.discord.scheduledEvents.get(discordEventId);
    expect(event).toEqual(
      expect.objectContaining({
        name: 'Quarterly review',
        entity_type: 3,
        privacy_level: 2,
        status: 1,
        entity_metadata: { location: 'Discord #general — use /kaltura-join' },
      }),
    );
    const startsAt = new Date((scheduled.payload as { startsAt: string }).startsAt);
    expect(Date.parse(String(event?.scheduled_end_time)) - startsAt.getTime()).toBe(45 * 60_000);
    expect(JSON.stringify(event)).not.toMatch(/https?:\/\//);

    const logger = testLogger('reminders');
    const rest = createDiscordRest({
      token: stack.secrets.botToken,
      apiUrl: stack.discord.apiUrl,
      logger,
    });
    const reminders = createReminderScheduler({
      store: stack.t.store,
      nats: { js: stack.t.js },
      rest,
      guildConfig: new GuildConfigService({
        store: stack.t.store,
        defaults: loadDefaultConfig(),
        logger,
      }),
      logger,
    });
    await reminders.onScheduled(scheduled as DomainEvent<'meeting.scheduled'>);
    const fifteenBefore = new Date(startsAt.getTime() - 15 * 60_000);
    expect((await reminders.tick(new Date(fifteenBefore.getTime() - 1000))).get(meetingId)).toBe(
      'waiting',
    );
    expect((await reminders.tick(fifteenBefore)).get(meetingId)).toBe('sent');
    expect(
      (await reminders.tick(new Date(fifteenBefore.getTime() + 60_000))).get(meetingId),
    ).toBeUndefined();
    const reminder = stack.discord
      .publicMessages()
      .filter((m) => String(m.content).includes('starts in'));
    expect(reminder).toHaveLength(1);
    expect(reminder[0]?.channel_id).toBe(interactionChannelId);

    await appendAsKaltura('meeting.started', meetingId);
    await waitFor(() =>
      stack.discord.scheduledEvents.get(discordEventId)?.status === 2 ? true : undefined,
    );
    await appendAsKaltura('meeting.ended', meetingId);
    await waitFor(() =>
      stack.discord.scheduledEvents.get(discordEventId)?.status === 3 ? true : undefined,
    );
  });

  it('cancels: the Discord event is canceled and the meeting can no longer be joined', async () => {
    const { meetingId } = await schedule('Cancel me');
    const linked = await eventOf('meeting.discord_event_linked', meetingId);
    const discordEventId = (linked.payload as { discordEventId: string }).discordEventId;
    const answers = await interact(commandInteraction('kaltura-cancel', { meeting: meetingId }));
    expect(contentOf(answers)).toContain('Canceled **Cancel me**');
    await eventOf('meeting.canceled', meetingId);
    await waitFor(() =>
      stack.discord.scheduledEvents.get(discordEventId)?.status === 4 ? true : undefined,
    );
    const join = await interact(
      commandInteraction(
        'kaltura-join',
        { 'meeting-id': meetingId },
        interactionMember,
        memberPermissions,
      ),
    );
    expect(contentOf(join)).toContain('MEETING.CANCELED');
  });

  it('without Manage Events: tells the member, records the refusal, the meeting still works', async () => {
    stack.discord.denyManageEvents(interactionGuildId);
    const { meetingId, answer } = await schedule('No permission');
    expect(answer).toContain('Manage Events');
    const failed = await eventOf('meeting.discord_event_failed', meetingId);
    expect((failed.payload as { reason: string }).reason).toContain('missing_permissions');
    const join = await interact(
      commandInteraction(
        'kaltura-join',
        { 'meeting-id': meetingId },
        interactionMember,
        memberPermissions,
      ),
    );
    expect(JSON.stringify(join.map((r) => r.body))).toContain('No permission');
    stack.discord.denyManageEvents(interactionGuildId, false);
  });

  it('refuses a time in the past with a private explanation and creates nothing', async () => {
    const interaction = commandInteraction('kaltura-schedule', {
      type: 'meeting',
      title: 'Too late',
      when: '2020-01-01 10:00',
    });
    const answers = await interact(interaction);
    expect(contentOf(answers)).toContain('is in the past');
    const created = await stack.t.eventsOfType('meeting.created');
    expect(created.some((e) => (e.payload as { title: string }).title === 'Too late')).toBe(false);
  });
});
