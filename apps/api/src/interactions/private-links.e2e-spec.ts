import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  adminPermissions,
  buttonInteraction,
  joinSecretPattern,
  secretLeaks,
  sharedEnv,
  snowflakeFor,
  startApiStack,
  startApp,
  waitFor,
  type ApiStack,
  type ChildApp,
  type DiscordRestFake,
  type TestStream,
} from '@kd/testing';
import { newEvent } from '@kd/events';
import { applicationId, commandInteraction, keys, member, post } from './interaction-fixtures.js';

interface ReplyData {
  content?: string;
  flags?: number;
  embeds?: unknown[];
  components?: { components: { custom_id: string; label: string }[] }[];
}
type Sent = { token: string; id: string };

/**
 * Issue 13 point 1: join links are personal and private, always; the buttons that give them out;
 * the feature flags and the start limit, through the signed endpoint with the real services.
 */
describe('private join links and meeting buttons over POST /interactions', () => {
  let stack: ApiStack;
  let t: TestStream;
  let discord: DiscordRestFake;
  let api: ChildApp;
  let notifier: ChildApp;
  /** Every HTTP answer of the endpoint, with whether it was ephemeral. */
  const answers: { ephemeral: boolean; body: unknown }[] = [];
  let meetingId = '';

  beforeAll(async () => {
    stack = await startApiStack({ keys, apiEnv: { START_RATE_LIMIT_PER_USER: '3' } });
    ({ t, discord, api } = stack);
    // The notifier posts only into channels of the guild (it asks Discord): the commands' channel.
    const { guild_id: guildId, channel_id: channelId } = commandInteraction('x');
    discord.registerChannel(guildId ?? '', channelId ?? '');
    notifier = await startApp('notifier', {
      ...sharedEnv(stack.db, t),
      DISCORD_TOKEN: stack.secrets.botToken,
      DISCORD_API_URL: discord.apiUrl,
    });
    await waitFor(() => notifier.logs.some((l) => l.includes('notifications running')));
  });
  afterAll(async () => {
    await notifier?.stop();
    await stack?.stop();
  });

  /** Posts it as Discord would, tells the fake what was answered, returns the first answer. */
  async function send(interaction: Sent & Record<string, unknown>) {
    const response = await post(api.url, interaction);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { type: number; data?: ReplyData };
    answers.push({ ephemeral: ((body.data?.flags ?? 0) & 64) !== 0, body });
    discord.answeredOverHttp(interaction.token, body);
    return body;
  }
  const webhookCalls = (method: string, interaction: Sent, path = '') =>
    discord.requestsTo(
      method,
      new RegExp(`^/webhooks/${applicationId}/${interaction.token}${path}$`),
    );
  const edited = (interaction: Sent) =>
    waitFor(
      async () => webhookCalls('PATCH', interaction, '/messages/@original')[0]?.body as ReplyData,
    );
  const followUp = (interaction: Sent) =>
    waitFor(async () => webhookCalls('POST', interaction)[0]?.body as ReplyData);
  const executed = (interaction: Sent) =>
    waitFor(async () => (await t.store.readAggregate('command', interaction.id))[0]?.event);
  const meetingEvents = async () =>
    (await t.store.readAggregate('meeting', meetingId)).map((r) => r.event);

  it('announces /kaltura-start in public without a link, with Join and End; the host link comes privately', async () => {
    const start = commandInteraction('kaltura-start', { type: 'meeting', title: 'Town hall' });
    const first = await send(start);
    expect(first).toEqual({ type: 5 });
    const announcement = await edited(start);
    meetingId = /meeting-id:(m[0-9a-z]{10})/.exec(announcement.content ?? '')?.[1] ?? '';
    expect(meetingId).not.toBe('');
    expect(JSON.stringify(announcement)).not.toMatch(joinSecretPattern);
    expect(announcement.components?.[0]?.components.map((c) => [c.label, c.custom_id])).toEqual([
      ['Join', `kd1:join:${meetingId}`],
      ['End', `kd1:end:${meetingId}`],
    ]);
    const hostLink = await followUp(start);
    expect(hostLink.flags).toBe(64);
    expect(JSON.stringify(hostLink)).toContain('ks=');
  });

  it("answers Join with the presser's own link, privately, recorded like /kaltura-join", async () => {
    const press = buttonInteraction(`kd1:join:${meetingId}`);
    expect(await send(press)).toEqual({ type: 5, data: { flags: 64 } });
    expect(JSON.stringify(await edited(press))).toContain('ks=');
    expect((await executed(press))?.payload).toMatchObject({
      command: 'kaltura-join',
      options: { 'meeting-id': meetingId },
      via: 'button',
      transport: 'http',
      userId: member.id,
      outcome: 'ok',
    });
    const issued = (await meetingEvents()).filter((e) => e.type === 'meeting.join_link_issued');
    expect(issued.map((e) => e.payload)).toContainEqual({
      meetingId,
      userId: member.id,
      kalturaRole: 'viewerRole',
    });
  });

  it('refuses End to a member who is neither host nor admin, privately, ending nothing', async () => {
    const press = buttonInteraction(`kd1:end:${meetingId}`);
    await send(press);
    const answer = await edited(press);
    expect(answer.content).toMatch(/PERMISSION\.DENIED|END_FORBIDDEN/);
    expect((await executed(press))?.payload).toMatchObject({
      command: 'kaltura-end',
      via: 'button',
      outcome: 'denied',
    });
    expect((await meetingEvents()).map((e) => e.type)).not.toContain('meeting.ended');
  });

  it.each([
    ['a forged action', `kd1:launch:${'m'.repeat(11)}`],
    ['an old layout', 'join-m0123456789'],
    ['a subject wildcard', 'kd1:join:>'],
  ])('answers a button with %s clearly and privately, recorded as invalid', async (_, customId) => {
    const press = buttonInteraction(customId);
    const answer = await send(press);
    expect(answer).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(answer.data?.content).toContain('COMPONENT.INVALID');
    expect((await executed(press))?.payload).toMatchObject({
      command: 'unknown',
      via: 'button',
      outcome: 'invalid',
      errorCode: 'COMPONENT.INVALID',
    });
  });

  it('answers Join on an unknown meeting with a clear private error', async () => {
    const press = buttonInteraction('kd1:join:mzzzzzzzzzz');
    await send(press);
    expect((await edited(press)).content).toContain('MEETING.NOT_FOUND');
    expect((await executed(press))?.payload).toMatchObject({ outcome: 'invalid', via: 'button' });
  });

  it("refuses Join on another server's meeting exactly like an unknown one, issuing no link", async () => {
    const links = async () =>
      (await meetingEvents()).filter((e) => e.type === 'meeting.join_link_issued').length;
    const before = await links();
    const press = { ...buttonInteraction(`kd1:join:${meetingId}`), guild_id: snowflakeFor(4_242) };
    await send(press);
    const answer = await edited(press);
    expect(answer.content).toContain('MEETING.NOT_FOUND');
    expect(JSON.stringify(answer)).not.toMatch(joinSecretPattern);
    expect(await links()).toBe(before);
  });

  it('posts the meeting start notification with a Join button and no link', async () => {
    const guildId = commandInteraction('x').guild_id;
    await t.store.append(
      newEvent(
        'meeting.started',
        { meetingId },
        {
          actor: { kind: 'kaltura', id: '100' },
          correlationId: 'e2e-start',
          guildId,
        },
      ),
    );
    const posted = await waitFor(
      () => discord.requestsTo('POST', /^\/channels\/\d+\/messages$/)[0]?.body as ReplyData,
      { what: 'the meeting start notification' },
    );
    expect(JSON.stringify(posted)).not.toMatch(joinSecretPattern);
    expect(posted.components?.[0]?.components.map((c) => c.custom_id)).toEqual([
      `kd1:join:${meetingId}`,
    ]);
  });

  it('lets the host end it with End; Join on the ended meeting says so, privately', async () => {
    const end = buttonInteraction(
      `kd1:end:${meetingId}`,
      commandInteraction('x').member.user,
      adminPermissions,
    );
    await send(end);
    expect((await edited(end)).content).toBe(`Ended \`${meetingId}\`.`);
    const late = buttonInteraction(`kd1:join:${meetingId}`);
    await send(late);
    const answer = await edited(late);
    expect(answer.content).toContain('MEETING.ENDED');
    expect(JSON.stringify(answer)).not.toMatch(joinSecretPattern);
  });

  it.each([
    ['webinars', 'webinar'],
    ['classrooms', 'classroom'],
  ])(
    'refuses a %s-gated start while the feature is off, privately, outcome denied',
    async (feature, type) => {
      await send(
        commandInteraction('kaltura-config-update', {
          subcommand: 'switch',
          key: `features.${feature}`,
          value: false,
        }),
      );
      const start = commandInteraction('kaltura-start', { type, title: `No ${feature}` });
      await send(start);
      const refusal = await followUp(start);
      expect(refusal.flags).toBe(64);
      expect(refusal.content).toContain(`features.${feature}`);
      expect(refusal.content).toContain('FEATURE.DISABLED');
      expect(webhookCalls('DELETE', start, '/messages/@original')).toHaveLength(1);
      expect((await executed(start))?.payload).toMatchObject({
        outcome: 'denied',
        errorCode: 'FEATURE.DISABLED',
      });
    },
  );

  it('refuses video search while features.video_search is off, outcome denied', async () => {
    await send(
      commandInteraction('kaltura-config-update', {
        subcommand: 'switch',
        key: 'features.video_search',
        value: false,
      }),
    );
    const search = commandInteraction('kaltura-video-search', { query: 'welcome' });
    await send(search);
    expect((await executed(search))?.payload).toMatchObject({
      outcome: 'denied',
      errorCode: 'PERMISSION.DENIED',
    });
  });

  it('limits /kaltura-start per member (START_RATE_LIMIT_PER_USER=3), privately, outcome denied', async () => {
    for (const title of ['Second', 'Third']) {
      const start = commandInteraction('kaltura-start', { type: 'meeting', title });
      await send(start);
      expect((await edited(start)).content).toContain('meeting-id:');
    }
    const over = commandInteraction('kaltura-start', { type: 'meeting', title: 'Fourth' });
    await send(over);
    const refusal = await followUp(over);
    expect(refusal).toMatchObject({ flags: 64 });
    expect(refusal.content).toContain('MEETING.START_RATE_LIMITED');
    expect((await executed(over))?.payload).toMatchObject({
      outcome: 'denied',
      errorCode: 'MEETING.START_RATE_LIMITED',
    });
  });

  it('never shows a join link in a public message, an event payload or a log line', async () => {
    const { state } = await t.jsm.streams.info(t.stream);
    const events: string[] = [];
    for (let seq = 1; seq <= state.last_seq; seq++) {
      const message = await t.jsm.direct.getMessage(t.stream, { seq });
      if (message) events.push(message.string());
    }
    expect(events.length).toBeGreaterThan(10);
    expect(
      secretLeaks({
        'public Discord message': discord.publicMessages(),
        'public HTTP answer': answers.filter((a) => !a.ephemeral).map((a) => a.body),
        'event payload': events,
        'api log': api.logs,
        'notifier log': notifier.logs,
      }),
    ).toEqual([]);
    // The scan can fail: the private answers did carry links.
    expect(secretLeaks({ all: [...discord.messages.values()] }).length).toBeGreaterThan(0);
  });
});
