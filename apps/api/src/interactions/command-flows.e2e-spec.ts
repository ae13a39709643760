import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  snowflakeFor,
  startApiStack,
  type ApiStack,
  type ChildApp,
  type DiscordRestFake,
  type TestStream,
  waitFor,
  firstOriginalEdit,
} from '@kd/testing';
import { VideoAccessService, VideoAccessStore } from '@kd/meetings';
import {
  commandInteraction,
  guildId,
  keys,
  member,
  memberPermissions,
  post,
} from './interaction-fixtures.js';

const mappedRole = snowflakeFor(990);

interface ReplyData {
  content?: string;
  flags?: number;
  embeds?: { title?: string; fields?: { name: string; value: string }[] }[];
  choices?: { name: string; value: string }[];
}

/** Every slash command's whole flow through the signed endpoint, the simulator and the read models. */
describe('slash command flows over POST /interactions', () => {
  let t: TestStream;
  let discord: DiscordRestFake;
  let api: ChildApp;
  let stack: ApiStack;

  beforeAll(async () => {
    stack = await startApiStack({ keys, projectorEnv: { PROJECTION_MAX_WAIT_MS: '20' } });
    ({ t, discord, api } = stack);
  });
  afterAll(() => stack?.stop());

  /** Posts the interaction and returns the final reply: inline (type 4) or the deferred follow-up. */
  async function run(interaction: ReturnType<typeof commandInteraction>): Promise<ReplyData> {
    const response = await post(api.url, interaction);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { type: number; data?: ReplyData };
    if (body.type === 4 || body.type === 8) return body.data ?? {};
    expect(body.type).toBe(5);
    const followUp = await firstOriginalEdit(discord, interaction);
    return followUp.body as ReplyData;
  }

  const executedOf = (interaction: { id: string }) =>
    waitFor(async () => {
      const [record] = await t.store.readAggregate('command', interaction.id);
      return record?.event;
    });
  const meetingEvents = async (meetingId: string) =>
    (await t.store.readAggregate('meeting', meetingId)).map((r) => r.event);
  const meetingIdIn = (reply: ReplyData) => /meeting-id:([\w-]+)/.exec(reply.content ?? '')?.[1];

  let meetingId = '';

  it('starts a meeting and lists it', async () => {
    const reply = await run(
      commandInteraction('kaltura-start', { type: 'meeting', title: 'Flows' }),
    );
    meetingId = meetingIdIn(reply) ?? '';
    expect(meetingId).not.toBe('');
    const listed = await waitFor(async () => {
      const list = await run(commandInteraction('kaltura-list'));
      return list.content?.includes(meetingId) ? list : undefined;
    });
    expect(listed.content).toContain('Flows');
  });

  it('suggests active meetings while a meeting id is typed', async () => {
    const typed = commandInteraction('kaltura-join');
    const autocomplete = {
      ...typed,
      type: 4,
      data: {
        ...typed.data,
        options: [{ name: 'meeting-id', type: 3, value: meetingId.slice(0, 4), focused: true }],
      },
    };
    const response = await post(api.url, autocomplete);
    const body = (await response.json()) as { type: number; data: ReplyData };
    expect(body.type).toBe(8);
    expect(body.data.choices).toContainEqual({ name: 'Flows (not started)', value: meetingId });
  });

  it('maps a Discord role to a Kaltura role through the configuration, applied to the join link', async () => {
    const mapping = await run(
      commandInteraction('kaltura-config-update', {
        subcommand: 'role',
        role: mappedRole,
        kaltura_role: 'adminRole',
      }),
    );
    expect(mapping.content).toBe(`Updated: \`roles.mapping.${mappedRole}\`.`);

    const plain = await run(
      commandInteraction('kaltura-join', { 'meeting-id': meetingId }, member, memberPermissions),
    );
    expect(JSON.stringify(plain.embeds)).toContain('ks=');
    const withRole = commandInteraction(
      'kaltura-join',
      { 'meeting-id': meetingId },
      member,
      memberPermissions,
    );
    await run({ ...withRole, member: { ...withRole.member, roles: [mappedRole] } });

    const issued = await waitFor(async () => {
      const links = (await meetingEvents(meetingId)).filter(
        (e) =>
          e.type === 'meeting.join_link_issued' &&
          (e.payload as { userId: string }).userId === member.id,
      );
      return links.length === 2 ? links : undefined;
    });
    expect(issued.map((e) => (e.payload as { kalturaRole: string }).kalturaRole)).toEqual([
      'viewerRole',
      'adminRole',
    ]);
  });

  it('answers a join for an unknown meeting with a clear error, outcome invalid', async () => {
    const interaction = commandInteraction('kaltura-join', { 'meeting-id': 'no-such-meeting' });
    const reply = await run(interaction);
    expect(reply.content).toMatch(/no meeting "no-such-meeting"/);
    expect((await executedOf(interaction)).payload).toMatchObject({
      outcome: 'invalid',
      errorCode: 'MEETING.NOT_FOUND',
    });
  });

  it("refuses to end someone else's meeting without Manage Events", async () => {
    // Manage Guild lets them use /kaltura-end (the default permissions), not end others' meetings.
    const interaction = commandInteraction(
      'kaltura-end',
      { 'meeting-id': meetingId },
      member,
      String(1n << 5n),
    );
    const reply = await run(interaction);
    expect(reply.content).toMatch(/only the owner/);
    expect((await executedOf(interaction)).payload).toMatchObject({
      outcome: 'denied',
      errorCode: 'MEETING.END_FORBIDDEN',
    });
    expect((await meetingEvents(meetingId)).map((e) => e.type)).not.toContain('meeting.ended');
  });

  it('ends the meeting for its owner, once; joining afterwards is refused', async () => {
    const reply = await run(commandInteraction('kaltura-end', { 'meeting-id': meetingId }));
    expect(reply.content).toBe(`Ended \`${meetingId}\`.`);
    const again = await run(commandInteraction('kaltura-end', { 'meeting-id': meetingId }));
    expect(again.content).toMatch(/already ended/);
    const types = (await meetingEvents(meetingId)).map((e) => e.type);
    expect(types.filter((type) => type === 'meeting.ended')).toHaveLength(1);
    const join = await run(commandInteraction('kaltura-join', { 'meeting-id': meetingId }));
    expect(join.content).toMatch(/has ended/);
  });

  it('searches videos in Kaltura, within what the guild may see', async () => {
    const fresh = await run(commandInteraction('kaltura-video-search', { query: 'welcome' }));
    expect(fresh.content).toMatch(/This server has no videos to search yet/);
    // The operator shares the seeded "Training" category (what `npm run video-access` does).
    const access = new VideoAccessService(
      t.store,
      new VideoAccessStore({ js: () => t.js, subjectPrefix: t.subjectPrefix }),
    );
    await access.grant({
      guildId,
      categoryIds: ['201'],
      by: 'e2e',
      correlationId: 'e2e-grant',
      now: new Date(),
    });
    const reply = await run(
      commandInteraction('kaltura-video-search', { query: 'welcome', limit: 2 }),
    );
    expect(reply.content).toMatch(/videos? found; the first \d:/);
    expect(reply.embeds?.map((e) => e.title)).toContain('Welcome to Kaltura');
    const none = await run(commandInteraction('kaltura-video-search', { query: 'zzqxnothing' }));
    expect(none.content).toBe(
      'No videos found among this server’s recordings and shared categories.',
    );
  });

  it('views the changed role mapping, and asks before resetting it', async () => {
    const view = await run(commandInteraction('kaltura-config-view'));
    expect(JSON.stringify(view.embeds)).toContain(`<@&${mappedRole}> → moderator`);

    const ask = commandInteraction('kaltura-config-reset', { section: 'roles' });
    expect((await run(ask)).content).toMatch(/^Reset Roles to the defaults\?/);
    expect((await executedOf(ask)).payload).toMatchObject({ outcome: 'ok' });
    const events = await t.store.readAggregate('config', commandInteraction('x').guild_id);
    expect(events.some((r) => r.event.type === 'config.reset')).toBe(false);
  });

  it('refuses an unknown configuration key with the reason, changing nothing', async () => {
    const before = (await t.store.readAggregate('config', commandInteraction('x').guild_id)).length;
    const reply = await run(
      commandInteraction('kaltura-config-update', {
        subcommand: 'set',
        key: 'notifications.colour',
        value: 'blue',
      }),
    );
    expect(reply.content).toMatch(/colour/);
    expect((await t.store.readAggregate('config', commandInteraction('x').guild_id)).length).toBe(
      before,
    );
  });
});
