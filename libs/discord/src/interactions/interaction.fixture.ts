// Interaction payloads as Discord sends them (API v10), for specs.
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ChannelType,
  GuildMemberFlags,
  InteractionContextType,
  InteractionType,
  Locale,
  type APIApplicationCommandInteractionDataOption,
  type APIChatInputApplicationCommandGuildInteraction,
  type APIInteractionGuildMember,
} from 'discord-api-types/v10';
import { KdError } from '@kd/events';

export const ids = {
  application: '100000000000000100',
  guild: '100000000000000200',
  channel: '100000000000000300',
  user: '100000000000000400',
  role: '100000000000000500',
  interaction: '100000000000000600',
  command: '100000000000000700',
};

const member: APIInteractionGuildMember = {
  user: { id: ids.user, username: 'ada', global_name: 'Ada L.', discriminator: '0', avatar: null },
  roles: [ids.role],
  permissions: '2248473465835073',
  nick: null,
  avatar: null,
  flags: GuildMemberFlags.CompletedOnboarding,
  joined_at: '2025-01-01T00:00:00.000000+00:00',
  premium_since: null,
  deaf: false,
  mute: false,
};

/** A slash command in a guild as Discord sends it, every always-sent field included. */
export function commandPayload(
  name = 'kaltura-start',
  options: APIApplicationCommandInteractionDataOption<InteractionType.ApplicationCommand>[] = [
    { name: 'type', type: ApplicationCommandOptionType.String, value: 'webinar' },
    { name: 'title', type: ApplicationCommandOptionType.String, value: 'Weekly sync' },
  ],
): APIChatInputApplicationCommandGuildInteraction {
  return {
    type: InteractionType.ApplicationCommand,
    id: ids.interaction,
    application_id: ids.application,
    token: 'aW50ZXJhY3Rpb246MTAwMDAwMDAwMDAwMDAwNjAwOnRva2Vu',
    version: 1,
    guild_id: ids.guild,
    guild: { id: ids.guild, locale: Locale.EnglishUS, features: [] },
    channel_id: ids.channel,
    channel: { id: ids.channel, type: ChannelType.GuildText },
    member,
    locale: Locale.German,
    guild_locale: Locale.EnglishUS,
    app_permissions: '2248473465835073',
    entitlements: [],
    authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: ids.guild },
    context: InteractionContextType.Guild,
    attachment_size_limit: 10_485_760,
    data: {
      id: ids.command,
      name,
      type: ApplicationCommandType.ChatInput,
      options,
      guild_id: ids.guild,
    },
  };
}

export function autocompletePayload(typed = 'week') {
  return {
    ...commandPayload('kaltura-join', [
      {
        name: 'meeting-id',
        type: ApplicationCommandOptionType.String,
        value: typed,
        focused: true,
      },
    ]),
    type: InteractionType.ApplicationCommandAutocomplete,
  };
}

/** The same command in the bot's DM: `user` instead of `member`, no guild. */
export function dmCommandPayload(): Record<string, unknown> {
  const payload: Record<string, unknown> = {
    ...commandPayload('kaltura-list', []),
    context: InteractionContextType.BotDM,
    authorizing_integration_owners: { [ApplicationIntegrationType.UserInstall]: ids.user },
  };
  delete payload.member;
  delete payload.guild_id;
  delete payload.guild;
  delete payload.guild_locale;
  return { ...payload, user: member.user };
}

/** The code of the KdError `fn` throws ('not a KdError' for anything else, undefined if none). */
export function thrownCode(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof KdError ? error.code : 'not a KdError';
  }
  return undefined;
}
