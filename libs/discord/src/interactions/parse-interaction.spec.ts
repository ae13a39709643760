import { InteractionType } from 'discord-api-types/v10';
import { describe, expect, it } from '@jest/globals';
import { withDiscordDefaults } from '@kd/discord-fake';
import { buttonInteraction, commandInteraction } from '@kd/testing';
import {
  autocompletePayload,
  commandPayload,
  dmCommandPayload,
  ids,
  thrownCode,
} from './interaction.fixture.js';
import {
  parseInteraction,
  toAutocompleteInvocation,
  toButtonInvocation,
  toCommandInvocation,
  toModalInvocation,
} from './parse-interaction.js';

function parseCommand(body: unknown) {
  const interaction = parseInteraction(body);
  if (interaction.type !== InteractionType.ApplicationCommand)
    throw new Error(`expected a command, got ${interaction.type}`);
  return toCommandInvocation(interaction);
}

describe('parseInteraction', () => {
  it('accepts a PING', () => {
    const ping = { type: 1, id: ids.interaction, application_id: ids.application, token: 't' };
    expect(parseInteraction({ ...ping, version: 1 })).toEqual(ping);
  });

  it('turns a guild slash command into a transport-neutral invocation', () => {
    expect(parseCommand(commandPayload())).toEqual({
      interactionId: ids.interaction,
      applicationId: ids.application,
      token: commandPayload().token,
      guildId: ids.guild,
      channelId: ids.channel,
      user: { id: ids.user, username: 'ada', globalName: 'Ada L.', nick: null },
      memberRoles: [ids.role],
      memberPermissions: '2248473465835073',
      commandName: 'kaltura-start',
      options: { type: 'webinar', title: 'Weekly sync' },
      locale: 'de',
      guildLocale: 'en-US',
      transport: 'http',
    });
  });

  it("keeps the member's guild nickname, and a long global name for the caller to cap", () => {
    const payload = commandPayload();
    const user = { ...payload.member.user, global_name: '🎉'.repeat(200) };
    const invocation = parseCommand({
      ...payload,
      member: { ...payload.member, nick: 'Countess', user },
    });
    expect(invocation.user).toEqual({
      id: ids.user,
      username: 'ada',
      globalName: '🎉'.repeat(200),
      nick: 'Countess',
    });
  });

  it('takes the user from `user` in a DM, with no roles and no permissions', () => {
    const invocation = parseCommand(dmCommandPayload());
    expect(invocation).toMatchObject({
      guildId: null,
      user: { id: ids.user, username: 'ada', globalName: 'Ada L.' },
      memberRoles: [],
      memberPermissions: '0',
      options: {},
    });
  });

  it('flattens sub-command options, naming the sub-command', () => {
    const nested = [{ name: 'show', type: 1, options: [{ name: 'limit', type: 4, value: 3 }] }];
    expect(parseCommand(commandPayload('kaltura-list', nested)).options).toEqual({
      subcommand: 'show',
      limit: 3,
    });
  });

  it('gives autocomplete the focused option and what was typed so far', () => {
    const interaction = parseInteraction(autocompletePayload('wee'));
    if (interaction.type !== InteractionType.ApplicationCommandAutocomplete)
      throw new Error('expected autocomplete');
    const invocation = toAutocompleteInvocation(interaction);
    expect(invocation.focused).toEqual({ name: 'meeting-id', value: 'wee' });
    expect(invocation.commandName).toBe('kaltura-join');
  });

  it.each([
    ['a component interaction (type 3)', { ...commandPayload(), type: 3 }],
    ['a command without member or user', { ...dmCommandPayload(), user: undefined }],
    ['a short snowflake', { ...commandPayload(), guild_id: '1234' }],
    [
      'a non-numeric permission bitfield',
      {
        ...commandPayload(),
        member: { user: { id: ids.user, username: 'a' }, roles: [], permissions: 'all' },
      },
    ],
    [
      'a user command (data.type 2)',
      { ...commandPayload(), data: { ...commandPayload().data, type: 2 } },
    ],
    ['not an object', 'hello'],
  ])('refuses %s as DISCORD.INVALID_INTERACTION', (_, body) => {
    expect(thrownCode(() => parseInteraction(body))).toBe('DISCORD.INVALID_INTERACTION');
  });

  it('turns a Join button press into /kaltura-join of that meeting, via "button"', () => {
    const press = (customId: string) => {
      const interaction = parseInteraction({
        ...commandPayload(),
        type: 3,
        data: { custom_id: customId, component_type: 2 },
      });
      if (interaction.type !== InteractionType.MessageComponent)
        throw new Error('expected a component interaction');
      return toButtonInvocation(interaction);
    };
    expect(press('kd1:join:m0123456789')).toMatchObject({
      commandName: 'kaltura-join',
      options: { 'meeting-id': 'm0123456789' },
      via: 'button',
      user: { id: ids.user },
    });
    expect(press('kd1:end:m0123456789').commandName).toBe('kaltura-end');
    expect(press('kd1:launch:m0123456789')).toMatchObject({ commandName: 'unknown', options: {} });
  });

  it('turns a settings button into its command with the pending id, recording no options', () => {
    const interaction = parseInteraction({
      ...commandPayload(),
      type: 3,
      data: { custom_id: 'kd1:reset-ok:1234567890123456789', component_type: 2 },
    });
    if (interaction.type !== InteractionType.MessageComponent)
      throw new Error('expected a component interaction');
    expect(toButtonInvocation(interaction)).toMatchObject({
      commandName: 'kaltura-config-reset',
      options: {},
      via: 'button',
      component: { action: 'reset-ok', id: '1234567890123456789', fields: {} },
    });
  });

  it('accepts a submitted modal (type 5) as the command it stands for, via "modal", with its fields', () => {
    const interaction = parseInteraction({
      ...commandPayload(),
      type: 5,
      data: {
        custom_id: 'kd1:template:meeting_start',
        components: [
          { type: 1, components: [{ type: 4, custom_id: 'template', value: 'Hi {{title}}' }] },
          { type: 18, component: { type: 4, custom_id: 'note', value: 'labelled' } },
        ],
      },
    });
    if (interaction.type !== InteractionType.ModalSubmit)
      throw new Error('expected a modal submit');
    expect(toModalInvocation(interaction)).toMatchObject({
      commandName: 'kaltura-config-update',
      via: 'modal',
      component: {
        action: 'template',
        id: 'meeting_start',
        fields: { template: 'Hi {{title}}', note: 'labelled' },
      },
    });
  });

  it('refuses a modal submit without its fields as DISCORD.INVALID_INTERACTION', () => {
    const body = { ...commandPayload(), type: 5, data: { custom_id: 'kd1:template:meeting_end' } };
    expect(thrownCode(() => parseInteraction(body))).toBe('DISCORD.INVALID_INTERACTION');
  });

  it('accepts every field Discord always sends, as the test kit, demo and discord-sim send them', () => {
    const { ApplicationCommand, MessageComponent } = InteractionType;
    const command = commandInteraction('kaltura-list', {}, undefined, undefined, 'pt-BR');
    const press = buttonInteraction('kd1:join:m0123456789');
    const completed = withDiscordDefaults({
      type: ApplicationCommand,
      id: ids.interaction,
      application_id: ids.application,
      token: 'token',
      guild_id: ids.guild,
      channel_id: ids.channel,
      member: { user: { id: ids.user, username: 'ada' }, roles: [], permissions: '0' },
      data: { id: ids.command, name: 'kaltura-list', type: 1 },
    });
    expect(completed).toMatchObject({
      app_permissions: expect.any(String),
      channel: { id: ids.channel, type: 0 },
      locale: 'en-US',
      guild_locale: 'en-US',
      entitlements: [],
      authorizing_integration_owners: { '0': ids.guild },
      context: 0,
      attachment_size_limit: expect.any(Number),
      member: {
        flags: 0,
        joined_at: expect.any(String),
        deaf: false,
        mute: false,
        user: { discriminator: '0', global_name: null, avatar: null },
      },
    });
    for (const body of [command, press, completed, commandPayload()])
      expect(() => parseInteraction(body)).not.toThrow();
    const parsed = parseInteraction(command);
    if (parsed.type !== ApplicationCommand) throw new Error('expected a command');
    expect(toCommandInvocation(parsed)).toMatchObject({ locale: 'pt-BR', guildLocale: 'en-US' });
    expect(parseInteraction(press).type).toBe(MessageComponent);
  });
});
