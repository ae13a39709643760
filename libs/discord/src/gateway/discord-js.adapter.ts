// The only file that imports discord.js, and only its types (loading discord.js costs the HTTP
// app start-up time for nothing): gateway interactions become the same CommandInvocation the
// HTTP endpoint builds, so handlers never see the transport.
import type {
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  CommandInteractionOption,
} from 'discord.js';
import {
  defaultLocale,
  type AutocompleteInvocation,
  type CommandInvocation,
} from '../interactions/command-invocation.js';
import { flattenOptions, focusedOption } from '../interactions/flatten-options.js';

type GatewayInteraction = ChatInputCommandInteraction | AutocompleteInteraction;

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

function toInvocation(
  interaction: GatewayInteraction,
  options: readonly CommandInteractionOption[],
): CommandInvocation {
  const { user, guildId } = interaction;
  return {
    interactionId: interaction.id,
    applicationId: interaction.applicationId,
    token: interaction.token,
    guildId,
    channelId: interaction.channelId,
    user: { id: user.id, username: user.username, globalName: user.globalName },
    memberRoles: memberRoles(interaction).filter((role) => role !== guildId),
    memberPermissions: interaction.memberPermissions?.bitfield.toString() ?? '0',
    commandName: interaction.commandName,
    options: flattenOptions(options),
    locale: interaction.locale ?? defaultLocale,
    transport: 'gateway',
  };
}

// A cached GuildMember keeps roles in a collection (with @everyone); an uncached one is raw API data.
function memberRoles({ member }: GatewayInteraction): string[] {
  const roles = member?.roles;
  if (!roles) return [];
  return Array.isArray(roles) ? [...roles] : [...roles.cache.keys()];
}
