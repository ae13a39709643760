import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ChannelOwnership, createDiscordRest, signDiscordRequest } from '@kd/discord';
import { newEvent } from '@kd/events';
import { GuildConfigService, loadDefaultConfig } from '@kd/guild-config';
import {
  commandInteraction,
  interactionChannelId,
  interactionGuildId,
  sharedEnv,
  snowflakeFor,
  startApp,
  testLogger,
  waitFor,
  type ChildApp,
  testApiToken,
} from '@kd/testing';
import {
  expectClearError,
  expectRejectedWithoutEvents,
  generateDiscordKeys,
  send,
  startHostileApi,
  storedEvents,
  type HostileApi,
  type HostileCase,
} from './hostile-kit.js';

/**
 * DESIGN §6b: a guild reaches only its own channels. Every way a channel setting gets in (REST,
 * the slash command, an overrides import) refuses another guild's channel and one Discord does
 * not know, recording nothing but the refusal; the notifier, given such a setting anyway (written
 * before the check existed, or forged into the log), records `channel_not_in_guild` and posts
 * nothing.
 */
const guild = interactionGuildId;
const otherGuild = snowflakeFor(9_301);
const ownChannel = snowflakeFor(9_302);
const foreignChannel = snowflakeFor(9_303);
const unknownChannel = snowflakeFor(9_304);
const keys = generateDiscordKeys();
const json = { 'content-type': 'application/json' };
const notInGuild = 'CONFIG.CHANNEL_NOT_IN_GUILD';

type Interaction = ReturnType<typeof commandInteraction>;

describe('hostile input: channels of another guild', () => {
  let h: HostileApi;

  beforeAll(async () => {
    h = await startHostileApi({}, keys);
    h.discord.registerChannel(guild, ownChannel);
    h.discord.registerChannel(guild, interactionChannelId);
    h.discord.registerChannel(otherGuild, foreignChannel);
  });
  afterAll(async () => {
    await h?.stop();
  });

  const patchConfig =
    (value: string, key = 'notifications.channels.meeting_start') =>
    () =>
      send(h.api.url, {
        method: 'PATCH',
        path: `/api/v1/guilds/${guild}/config`,
        body: JSON.stringify({ key, value }),
        headers: {
          ...json,
          authorization: `Bearer ${testApiToken(h.secrets.jwtSecret, { sub: 'hostile-channels', guilds: [guild] })}`,
        },
      });

  /** `/kaltura-config-update channel` with the channel option (type 7), as Discord sends it. */
  const withChannel = (key: string, channel: string): Interaction => {
    const interaction = commandInteraction('kaltura-config-update', {
      subcommand: 'channel',
      kind: key.replace(/^channels\./, ''),
      channel,
    });
    for (const sub of interaction.data.options)
      for (const option of 'options' in sub ? (sub.options ?? []) : [])
        if (option.name === 'channel') option.type = 7;
    return interaction;
  };
  const withValue = (key: string, value: string): Interaction =>
    commandInteraction('kaltura-config-update', {
      subcommand: 'set',
      key: `notifications.${key}`,
      value,
    });

  const interact = async (interaction: Interaction) => {
    const body = JSON.stringify(interaction);
    const headers = { ...json, ...signDiscordRequest(body, keys.privateKey).headers };
    const response = await send(h.api.url, { path: '/interactions', body, headers });
    expect(response.status).toBe(200);
    return JSON.parse(response.text) as { type: number; data: { content: string; flags?: number } };
  };
  const recorded = async (interaction: Interaction) =>
    (await h.t.store.readAggregate('command', interaction.id)).map((r) => r.event);

  const restCases: HostileCase[] = [
    {
      name: 'REST: a channel of another guild',
      send: patchConfig(foreignChannel),
      status: 422,
      code: notInGuild,
    },
    {
      name: 'REST: the same as a channel mention',
      send: patchConfig(`<#${foreignChannel}>`),
      status: 422,
      code: notInGuild,
    },
    {
      name: 'REST: a channel Discord does not know (404 Unknown Channel)',
      send: patchConfig(unknownChannel, 'notifications.channels.recording_ready'),
      status: 422,
      code: notInGuild,
    },
  ];

  it.each(restCases.map((c) => [c.name, c] as const))(
    'refuses %s with 422 and records nothing',
    async (_name, c) => {
      await expectRejectedWithoutEvents(h.t, c);
    },
  );

  it('REST: accepts a channel of the guild itself', async () => {
    const response = await patchConfig(ownChannel)();
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text)).toMatchObject({ changed: true, newValue: ownChannel });
  });

  it.each([
    [
      'the channel option naming a channel of another guild',
      () => withChannel('channels.meeting_end', foreignChannel),
    ],
    [
      'the channel option naming an unknown channel',
      () => withChannel('channels.meeting_end', unknownChannel),
    ],
    [
      'the text value naming a channel of another guild',
      () => withValue('channels.meeting_end', foreignChannel),
    ],
  ])(
    'slash command: refuses %s, ephemerally, recording only the invalid outcome',
    async (_name, make) => {
      const interaction = make();
      const before = await storedEvents(h.t);
      const reply = await interact(interaction);
      expect(reply).toMatchObject({ type: 4, data: { flags: 64 } });
      expect(reply.data.content).toContain(notInGuild);
      expect(reply.data.content).toContain('not a channel of this server');
      const [executed] = await waitFor(async () => {
        const events = await recorded(interaction);
        return events.length > 0 && events;
      });
      expect(executed).toMatchObject({
        type: 'command.executed',
        payload: { command: 'kaltura-config-update', outcome: 'invalid', errorCode: notInGuild },
      });
      expect(await storedEvents(h.t)).toBe(before + 1);
    },
  );

  it('slash command: takes a channel of the guild through the channel option', async () => {
    const reply = await interact(withChannel('channels.meeting_end', ownChannel));
    expect(reply.data.content).toBe('Updated: `notifications.channels.meeting_end`.');
    const config = (await h.t.store.readAggregate('config', guild)).map((r) => r.event.payload);
    expect(config).toContainEqual(
      expect.objectContaining({ key: 'notifications.channels.meeting_end', newValue: ownChannel }),
    );
  });

  it('slash command: refuses the channel sub-command for a kind that is not a notification', async () => {
    const interaction = withChannel('enabled', ownChannel);
    const reply = await interact(interaction);
    expect(reply.data.content).toContain('COMMAND.INVALID_OPTION');
  });

  it('overrides import: refuses a file naming a channel of another guild, appending nothing', async () => {
    const logger = testLogger('hostile-import');
    const rest = createDiscordRest({ token: h.secrets.botToken, apiUrl: h.discord.apiUrl, logger });
    const service = new GuildConfigService({
      store: h.t.store,
      defaults: loadDefaultConfig(),
      logger,
      channels: new ChannelOwnership({ rest, now: Date.now }),
    });
    const importer = { kind: 'system' as const, id: 'config-import' };
    const before = await storedEvents(h.t);
    for (const channel of [foreignChannel, unknownChannel]) {
      const file = {
        features: { webinars: false },
        notifications: { channels: { participant_join: ownChannel, recording_ready: channel } },
      };
      await expect(service.importOverrides(guild, file, importer)).rejects.toMatchObject({
        code: notInGuild,
      });
    }
    expect(await storedEvents(h.t)).toBe(before);
  });

  describe('the notifier', () => {
    let notifier: ChildApp;
    beforeAll(async () => {
      notifier = await startApp('notifier', {
        ...sharedEnv(h.db, h.t),
        DISCORD_TOKEN: h.secrets.botToken,
        DISCORD_API_URL: h.discord.apiUrl,
        NOTIFY_BACKOFF_MS: '20',
      });
      await waitFor(() => notifier.logs.some((l) => l.includes('notifications running')), {
        what: 'the notifier consumer',
      });
    });
    afterAll(() => notifier?.stop());

    it("records channel_not_in_guild for a setting naming another guild's channel, and posts nothing", async () => {
      const actor = { kind: 'user' as const, id: snowflakeFor(9_305) };
      const context = { actor, correlationId: 'hostile-notifier', guildId: guild };
      // Written before channel settings were checked, or forged into the log: not through a door.
      await h.t.store.append(
        newEvent(
          'config.updated',
          {
            key: 'notifications.channels.recording_ready',
            oldValue: 'default',
            newValue: foreignChannel,
            actorUserId: actor.id,
          },
          context,
        ),
      );
      const meetingId = 'm0hostilechan1';
      const meeting = { meetingId, kalturaResourceId: '77', type: 'meeting' as const };
      await h.t.store.append(
        newEvent(
          'meeting.created',
          { ...meeting, title: 'Cross-guild', ownerUserId: actor.id, description: null },
          context,
        ),
      );
      const postsBefore = h.discord.requestsTo('POST', /^\/channels\/\d+\/messages$/).length;
      const before = await storedEvents(h.t);
      const { event: ready } = await h.t.store.append(
        newEvent('meeting.recording_ready', { meetingId, entryId: '0_hostile' }, context),
      );
      const outcome = await waitFor(
        async () => (await h.t.store.readAggregate('notification', ready.id))[0]?.event,
        { what: 'the notification outcome' },
      );
      expect(outcome).toMatchObject({
        type: 'notification.failed',
        payload: { channelId: foreignChannel, reason: 'channel_not_in_guild' },
      });
      // The recording event and its refusal, nothing else.
      expect(await storedEvents(h.t)).toBe(before + 2);
      expect(h.discord.requestsTo('POST', /^\/channels\/\d+\/messages$/)).toHaveLength(postsBefore);
      expect(
        h.discord.requestsTo('GET', new RegExp(`^/channels/${foreignChannel}$`)).length,
      ).toBeGreaterThan(0);
    });
  });

  it('answers every refusal with a clear error that names no other guild', async () => {
    const response = await patchConfig(foreignChannel)();
    const error = expectClearError(response, 422, notInGuild);
    expect(error.message).not.toContain(otherGuild);
  });
});
