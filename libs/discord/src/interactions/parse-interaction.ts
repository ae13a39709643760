import { KdError, toSchemaIssues } from '@kd/events';
import {
  InteractionType,
  interactionSchema,
  type AutocompleteInteraction,
  type CommandInteraction,
  type ComponentInteraction,
  type Interaction,
} from './interaction.schema.js';
import type { AutocompleteInvocation, CommandInvocation } from './command-invocation.js';
import { flattenOptions, focusedOption } from './flatten-options.js';
import { buttonCommands, parseCustomId } from '../components/custom-id.js';

/** The command name a button press with a custom_id we did not make is recorded under. */
export const UNKNOWN_BUTTON = 'unknown';

/** Parses a verified `POST /interactions` body; anything we do not accept is DISCORD.INVALID_INTERACTION. */
export function parseInteraction(body: unknown): Interaction {
  const result = interactionSchema.safeParse(body);
  if (result.success) return result.data;
  const issues = toSchemaIssues(result.error);
  throw new KdError(
    'DISCORD.INVALID_INTERACTION',
    `unsupported or malformed interaction: ${issues.map((i) => `${i.path || '(body)'}: ${i.message}`).join('; ')}`,
    'validation',
    { details: { issues } },
  );
}

/** The transport-neutral invocation of an HTTP application command. */
export function toCommandInvocation(interaction: CommandInteraction): CommandInvocation {
  return {
    ...invoker(interaction),
    commandName: interaction.data.name,
    options: flattenOptions(interaction.data.options),
  };
}

/**
 * A button press as the command it stands for (`kd1:join:<id>` → `/kaltura-join meeting-id:<id>`),
 * so it is authorized, handled and recorded exactly like that command, with `via: 'button'`.
 */
export function toButtonInvocation(interaction: ComponentInteraction): CommandInvocation {
  return { ...invoker(interaction), ...buttonCommand(interaction.data.custom_id) };
}

export function buttonCommand(
  customId: string,
): Pick<CommandInvocation, 'commandName' | 'options' | 'via'> {
  const target = parseCustomId(customId);
  if (!target) return { commandName: UNKNOWN_BUTTON, options: {}, via: 'button' };
  return {
    commandName: buttonCommands[target.action],
    options: { 'meeting-id': target.meetingId },
    via: 'button',
  };
}

function invoker(
  interaction: CommandInteraction | ComponentInteraction,
): Omit<CommandInvocation, 'commandName' | 'options'> {
  const { member, guild_id: guildId } = interaction;
  const user = member?.user ?? interaction.user;
  if (!user) throw new KdError('DISCORD.INVALID_INTERACTION', 'no user', 'validation');
  return {
    interactionId: interaction.id,
    applicationId: interaction.application_id,
    token: interaction.token,
    guildId: guildId ?? null,
    channelId: interaction.channel_id ?? null,
    user: { id: user.id, username: user.username, globalName: user.global_name ?? null },
    memberRoles: (member?.roles ?? []).filter((role) => role !== guildId),
    memberPermissions: member?.permissions ?? '0',
    locale: interaction.locale ?? null,
    guildLocale: interaction.guild_locale ?? null,
    transport: 'http',
  };
}

/** The invocation of an HTTP autocomplete request, with the option being typed. */
export function toAutocompleteInvocation(
  interaction: AutocompleteInteraction,
): AutocompleteInvocation {
  const invocation = toCommandInvocation({
    ...interaction,
    type: InteractionType.ApplicationCommand,
  });
  const focused = focusedOption(interaction.data.options) ?? { name: '', value: '' };
  return { ...invocation, focused };
}
