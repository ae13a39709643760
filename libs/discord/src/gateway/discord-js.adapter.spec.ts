import { afterAll, describe, expect, it } from '@jest/globals';
import {
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  Client,
  GuildMember,
  ModalSubmitInteraction,
} from 'discord.js';
import { autocompletePayload, commandPayload, ids } from '../interactions/interaction.fixture.js';
import { InteractionType } from '../interactions/interaction.schema.js';
import {
  parseInteraction,
  toAutocompleteInvocation,
  toCommandInvocation,
  toModalInvocation,
} from '../interactions/parse-interaction.js';
import {
  fromDiscordJs,
  fromDiscordJsAutocomplete,
  fromDiscordJsModal,
} from './discord-js.adapter.js';

// A client that never logs in: discord.js builds interactions from the same raw payloads the
// gateway delivers, which are the payloads the HTTP endpoint receives.
const client = new Client({ intents: [] });
afterAll(() => client.destroy());

function gatewayCommand(raw: object): ChatInputCommandInteraction {
  return Reflect.construct(ChatInputCommandInteraction, [
    client,
    raw,
  ]) as ChatInputCommandInteraction;
}

function httpCommand(raw: unknown) {
  const interaction = parseInteraction(raw);
  if (interaction.type !== InteractionType.ApplicationCommand)
    throw new Error('expected a command');
  return toCommandInvocation(interaction);
}

describe('fromDiscordJs', () => {
  it('produces the same invocation as the HTTP path, apart from the transport', () => {
    const raw = commandPayload();
    expect(fromDiscordJs(gatewayCommand(raw))).toEqual({
      ...httpCommand(raw),
      transport: 'gateway',
    });
  });

  it('reads typed option values (integer, boolean) as the HTTP path does', () => {
    const raw = commandPayload('kaltura-video-search', [
      { name: 'query', type: 3, value: 'onboarding' },
      { name: 'limit', type: 4, value: 3 },
    ]);
    expect(fromDiscordJs(gatewayCommand(raw)).options).toEqual({ query: 'onboarding', limit: 3 });
  });

  it('leaves the @everyone role out of the roles of a cached member', () => {
    (client.guilds as unknown as { _add(data: object): unknown })._add({
      id: ids.guild,
      name: 'Study group',
      roles: [
        { id: ids.guild, name: '@everyone', permissions: '0', position: 0 },
        { id: ids.role, name: 'Teachers', permissions: '0', position: 1 },
      ],
    });
    const interaction = gatewayCommand(commandPayload());
    expect(interaction.member).toBeInstanceOf(GuildMember);
    expect(fromDiscordJs(interaction).memberRoles).toEqual([ids.role]);
    client.guilds.cache.delete(ids.guild);
  });

  it('gives autocomplete the focused option, like the HTTP path', () => {
    const raw = autocompletePayload('wee');
    const interaction = Reflect.construct(AutocompleteInteraction, [
      client,
      raw,
    ]) as AutocompleteInteraction;
    const parsed = parseInteraction(raw);
    if (parsed.type !== InteractionType.Autocomplete) throw new Error('expected autocomplete');
    expect(fromDiscordJsAutocomplete(interaction)).toEqual({
      ...toAutocompleteInvocation(parsed),
      transport: 'gateway',
    });
  });
});

describe('fromDiscordJsModal', () => {
  it('routes a submitted modal like the HTTP path: its command, via "modal", its fields', () => {
    const raw = {
      ...commandPayload(),
      type: 5,
      data: {
        custom_id: 'kd1:template:meeting_start',
        components: [
          { type: 1, components: [{ type: 4, custom_id: 'template', value: 'Hi {{title}}' }] },
        ],
      },
    };
    const gateway = Reflect.construct(ModalSubmitInteraction, [
      client,
      raw,
    ]) as ModalSubmitInteraction;
    const http = parseInteraction(raw);
    if (http.type !== InteractionType.ModalSubmit) throw new Error('expected a modal submit');
    expect(fromDiscordJsModal(gateway)).toEqual({
      ...toModalInvocation(http),
      transport: 'gateway',
    });
  });
});
