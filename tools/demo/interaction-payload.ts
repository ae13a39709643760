import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ComponentType,
  InteractionType,
  Locale,
  type APIApplicationCommandInteractionDataBasicOption,
} from 'discord-api-types/v10';
import { guildEnvelope } from '@kd/discord-fake';
import type { OptionValue, PlannedCommand } from './command-mix.js';
import { adminPermissions, memberPermissions } from './demo-world.js';

function option(name: string, value: OptionValue): APIApplicationCommandInteractionDataBasicOption {
  if (typeof value === 'number') return { name, type: ApplicationCommandOptionType.Integer, value };
  if (typeof value === 'boolean')
    return { name, type: ApplicationCommandOptionType.Boolean, value };
  return { name, type: ApplicationCommandOptionType.String, value };
}

/** Client languages of the demo's members (most English), so analytics.locale_usage has data. */
const demoLocales = [
  Locale.EnglishUS,
  Locale.EnglishUS,
  Locale.EnglishUS,
  Locale.EnglishGB,
  Locale.German,
  Locale.SpanishES,
  Locale.SpanishLATAM,
  Locale.French,
  Locale.PortugueseBR,
  Locale.Japanese,
] as const;

/** A member's locale, fixed by their id (no random draw: the demo's plan stays as it was). */
export function demoLocaleOf(userId: string): Locale {
  return demoLocales[Number(userId.slice(-3)) % demoLocales.length] ?? Locale.EnglishUS;
}

/**
 * An APPLICATION_COMMAND (or, for a Join button, MESSAGE_COMPONENT) interaction in a guild as
 * Discord sends it, with every field Discord always sends, but without `id`, `token` and
 * `application_id`: discord-sim fills those in, as Discord does, and signs the result.
 */
export function interactionPayload(planned: PlannedCommand): Record<string, unknown> {
  const { guild, user } = planned;
  return {
    ...guildEnvelope({
      guildId: guild.id,
      channelId: guild.channelId,
      user: { id: user.id, username: user.name.toLowerCase(), global_name: user.name },
      roles: user.roles,
      permissions: user.admin ? adminPermissions : memberPermissions,
      locale: demoLocaleOf(user.id),
    }),
    ...(planned.via === 'button' ? buttonPress(planned) : slashCommand(planned)),
  };
}

function slashCommand(planned: PlannedCommand) {
  const { subcommand, ...rest } = planned.options;
  const values = Object.entries(subcommand === undefined ? planned.options : rest).map(
    ([name, value]) => option(name, value),
  );
  // A sub-command carries its own options, as Discord sends `/kaltura-config-update switch …`.
  const options =
    subcommand === undefined
      ? values
      : [
          {
            name: String(subcommand),
            type: ApplicationCommandOptionType.Subcommand,
            options: values,
          },
        ];
  return {
    type: InteractionType.ApplicationCommand,
    data: { name: planned.command, type: ApplicationCommandType.ChatInput, options },
  };
}

/** A press of the Join button under a meeting announcement (MESSAGE_COMPONENT). */
function buttonPress(planned: PlannedCommand) {
  const customId = `kd1:join:${String(planned.options['meeting-id'])}`;
  return {
    type: InteractionType.MessageComponent,
    data: { custom_id: customId, component_type: ComponentType.Button },
  };
}
