import {
  ApplicationIntegrationType,
  ChannelType,
  GuildMemberFlags,
  InteractionContextType,
  InteractionType,
  Locale,
  type APIInteractionGuildMember,
  type APIUser,
} from 'discord-api-types/v10';

/** Who presses or types: the fields of a Discord user we vary in tests. */
export interface EnvelopeUser {
  id: string;
  username: string;
  global_name: string | null;
}

export interface GuildEnvelopeInput {
  guildId: string;
  channelId: string;
  user: EnvelopeUser;
  roles?: readonly string[];
  /** The member's permissions in the channel, a decimal bitfield. */
  permissions: string;
  /** The member's client language; Discord always sends one. */
  locale?: Locale | `${Locale}`;
  /** The server's preferred language (community servers set it; `en-US` otherwise). */
  guildLocale?: Locale | `${Locale}`;
}

/** What the bot may do in the channel: View Channel, Send Messages, Embed Links, Use App Commands… */
export const appPermissions = '2248473465835073';
/** Discord's upload limit of a server without boosts (10 MiB). */
export const attachmentSizeLimit = 10_485_760;

/** A user object as Discord sends it in an interaction (new usernames: discriminator "0"). */
export function discordUser(user: EnvelopeUser): APIUser {
  return { ...user, discriminator: '0', avatar: null };
}

/** The invoking member with every field Discord always sends. */
export function guildMember(input: GuildEnvelopeInput): APIInteractionGuildMember {
  return {
    user: discordUser(input.user),
    roles: [...(input.roles ?? [])],
    permissions: input.permissions,
    nick: null,
    avatar: null,
    banner: null,
    flags: GuildMemberFlags.CompletedOnboarding,
    joined_at: '2024-01-15T09:30:00.000000+00:00',
    premium_since: null,
    pending: false,
    communication_disabled_until: null,
    deaf: false,
    mute: false,
  };
}

/**
 * The fields every guild interaction carries besides `type` and `data`, as Discord sends them
 * (API v10): the partial channel, the member, locales, the app's permissions, entitlements, the
 * authorizing installation, the context and the attachment size limit.
 */
export function guildEnvelope(input: GuildEnvelopeInput) {
  const locale = (input.locale ?? Locale.EnglishUS) as Locale;
  const guildLocale = (input.guildLocale ?? Locale.EnglishUS) as Locale;
  return {
    version: 1 as const,
    guild_id: input.guildId,
    guild: { id: input.guildId, locale: guildLocale, features: [] },
    channel_id: input.channelId,
    channel: { id: input.channelId, type: ChannelType.GuildText as const },
    member: guildMember(input),
    locale,
    guild_locale: guildLocale,
    app_permissions: appPermissions,
    entitlements: [],
    authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: input.guildId },
    context: InteractionContextType.Guild,
    attachment_size_limit: attachmentSizeLimit,
  };
}

/**
 * Completes an interaction the way Discord would have sent it: every always-sent field a caller
 * left out gets Discord's value for a guild text channel (what the caller gave wins).
 */
export function withDiscordDefaults(given: Record<string, unknown>): Record<string, unknown> {
  if (given.type === InteractionType.Ping) return { version: 1, ...given };
  const guildId = typeof given.guild_id === 'string' ? given.guild_id : undefined;
  const channelId = typeof given.channel_id === 'string' ? given.channel_id : undefined;
  const member = given.member as Record<string, unknown> | undefined;
  const user = (member?.user ?? given.user) as Record<string, unknown> | undefined;
  const fullUser = user && { discriminator: '0', avatar: null, global_name: null, ...user };
  return {
    version: 1,
    locale: Locale.EnglishUS,
    app_permissions: appPermissions,
    entitlements: [],
    attachment_size_limit: attachmentSizeLimit,
    ...(channelId ? { channel: { id: channelId, type: ChannelType.GuildText } } : {}),
    ...(guildId
      ? {
          guild_locale: Locale.EnglishUS,
          authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: guildId },
          context: InteractionContextType.Guild,
        }
      : {
          authorizing_integration_owners: {},
          context: InteractionContextType.BotDM,
        }),
    ...given,
    ...(member
      ? {
          member: {
            nick: null,
            avatar: null,
            flags: 0,
            joined_at: '2024-01-15T09:30:00.000000+00:00',
            premium_since: null,
            pending: false,
            deaf: false,
            mute: false,
            ...member,
            user: fullUser,
          },
        }
      : fullUser
        ? { user: fullUser }
        : {}),
  };
}
