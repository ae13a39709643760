import { KdError, toSchemaIssues } from '@kd/events';
import {
  InteractionType,
  interactionSchema,
  type AutocompleteInteraction,
  type CommandInteraction,
  type ComponentInteraction,
  type Interaction,
  type ModalSubmitInteraction,
} from './interaction.schema.js';
import {
  type AutocompleteInvocation,
  type CommandInvocation,
  type CommandVia,
} from './command-invocation.js';
import { flattenOptions, focusedOption } from './flatten-options.js';
import { buttonCommands, parseCustomId } from '../components/custom-id.js';
import { isSettingsAction } from '../components/settings-actions.js';

/** The command name a button press with a custom_id we did not make is recorded under. */
export const UNKNOWN_BUTTON = 'unknown';
/** A button shown to one member, pressed by another (recorded as `unknown`, answered as such). */
export const NOT_YOURS_BUTTON = 'unknown-not-yours';

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
  const caller = invoker(interaction);
  const target = parseCustomId(interaction.data.custom_id);
  // A forget button answers only the member it was shown to.
  if (target?.action.startsWith('forget') && target.meetingId !== caller.user.id) {
    return { ...caller, commandName: NOT_YOURS_BUTTON, options: {}, via: 'button' };
  }
  return { ...caller, ...buttonCommand(interaction.data.custom_id) };
}

export function buttonCommand(
  customId: string,
  via: CommandVia = 'button',
  fields: Record<string, string> = {},
): Pick<CommandInvocation, 'commandName' | 'options' | 'via' | 'component'> {
  const target = parseCustomId(customId);
  if (!target) return { commandName: UNKNOWN_BUTTON, options: {}, via };
  if (isSettingsAction(target.action))
    return {
      commandName: buttonCommands[target.action],
      options: {},
      via,
      component: { action: target.action, id: target.meetingId, fields },
    };
  const options: Record<string, string> =
    target.action === 'forget' || target.action === 'forget-cancel'
      ? { confirm: target.action === 'forget' ? 'yes' : 'no' }
      : { 'meeting-id': target.meetingId };
  return { commandName: buttonCommands[target.action], options, via: 'button' };
}

/** A submitted modal (the template editor) as the command it stands for, with `via: 'modal'`. */
export function toModalInvocation(interaction: ModalSubmitInteraction): CommandInvocation {
  const fields: Record<string, string> = {};
  for (const row of interaction.data.components)
    for (const input of [...(row.components ?? []), ...(row.component ? [row.component] : [])])
      if (input.value !== undefined) fields[input.custom_id] = input.value;
  return {
    ...invoker(interaction),
    ...buttonCommand(interaction.data.custom_id, 'modal', fields),
  };
}

function invoker(
  interaction: CommandInteraction | ComponentInteraction | ModalSubmitInteraction,
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
    user: {
      id: user.id,
      username: user.username,
      globalName: user.global_name ?? null,
      nick: member?.nick ?? null,
    },
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
