// The only file that imports discord.js, and only its types (loading discord.js costs the HTTP
// app start-up time for nothing): gateway interactions become the same CommandInvocation the
// HTTP endpoint builds, so handlers never see the transport.
import type {
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  CommandInteractionOption,
  ModalSubmitInteraction,
} from 'discord.js';
import type {
  AutocompleteInvocation,
  CommandInvocation,
} from '../interactions/command-invocation.js';
import { flattenOptions, focusedOption } from '../interactions/flatten-options.js';
import { buttonCommand } from '../interactions/parse-interaction.js';

type GatewayInteraction =
  | ChatInputCommandInteraction
  | AutocompleteInteraction
  | ButtonInteraction
  | ModalSubmitInteraction;

export function fromDiscordJs(interaction: ChatInputCommandInteraction): CommandInvocation {
  return toInvocation(interaction, interaction.options.data);
}

export function fromDiscordJsAutocomplete(
  interaction: AutocompleteInteraction,
): AutocompleteInvocation {
  const options = interaction.options.data;
  const focused = focusedOption(options) ?? { name: '', value: '' };
  return { ...toInvocation(interaction, options), focused };
}

/** A button press, as the command it stands for (see toButtonInvocation). */
export function fromDiscordJsButton(interaction: ButtonInteraction): CommandInvocation {
  return { ...invoker(interaction), ...buttonCommand(interaction.customId) };
}

/** A submitted modal, as the command it stands for (see toModalInvocation). */
export function fromDiscordJsModal(interaction: ModalSubmitInteraction): CommandInvocation {
  const fields: Record<string, string> = {};
  for (const [customId, field] of interaction.fields.fields)
    if ('value' in field && typeof field.value === 'string') fields[customId] = field.value;
  return { ...invoker(interaction), ...buttonCommand(interaction.customId, 'modal', fields) };
}

function toInvocation(
  interaction: ChatInputCommandInteraction | AutocompleteInteraction,
  options: readonly CommandInteractionOption[],
): CommandInvocation {
  return {
    ...invoker(interaction),
    commandName: interaction.commandName,
    options: flattenOptions(options),
  };
}

function invoker(
  interaction: GatewayInteraction,
): Omit<CommandInvocation, 'commandName' | 'options'> {
  const { user, guildId } = interaction;
  return {
    interactionId: interaction.id,
    applicationId: interaction.applicationId,
    token: interaction.token,
    guildId,
    channelId: interaction.channelId,
    user: {
      id: user.id,
      username: user.username,
      globalName: user.globalName,
      nick: memberNick(interaction),
    },
    memberRoles: memberRoles(interaction).filter((role) => role !== guildId),
    memberPermissions: interaction.memberPermissions?.bitfield.toString() ?? '0',
    locale: interaction.locale ?? null,
    guildLocale: interaction.guildLocale ?? null,
    transport: 'gateway',
  };
}

// A cached GuildMember calls it `nickname`; raw API member data `nick`.
function memberNick({ member }: GatewayInteraction): string | null {
  if (!member) return null;
  return 'nickname' in member ? member.nickname : (member.nick ?? null);
}

// A cached GuildMember keeps roles in a collection (with @everyone); an uncached one is raw API data.
function memberRoles({ member }: GatewayInteraction): string[] {
  const roles = member?.roles;
  if (!roles) return [];
  return Array.isArray(roles) ? [...roles] : [...roles.cache.keys()];
}
