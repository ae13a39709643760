import { describe, expect, it } from '@jest/globals';
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
} from './parse-interaction.js';

function parseCommand(body: unknown) {
  const interaction = parseInteraction(body);
  if (interaction.type !== 2) throw new Error(`expected a command, got ${interaction.type}`);
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
      user: { id: ids.user, username: 'ada', globalName: 'Ada L.' },
      memberRoles: [ids.role],
      memberPermissions: '2248473465835073',
      commandName: 'kaltura-start',
      options: { type: 'webinar', title: 'Weekly sync' },
      locale: 'de',
      guildLocale: 'en-US',
      transport: 'http',
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

  it('flattens sub-command options', () => {
    const nested = [{ name: 'show', type: 1, options: [{ name: 'limit', type: 4, value: 3 }] }];
    expect(parseCommand(commandPayload('kaltura-list', nested)).options).toEqual({ limit: 3 });
  });

  it('gives autocomplete the focused option and what was typed so far', () => {
    const interaction = parseInteraction(autocompletePayload('wee'));
    if (interaction.type !== 4) throw new Error('expected autocomplete');
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
      if (interaction.type !== 3) throw new Error('expected a component interaction');
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
});
