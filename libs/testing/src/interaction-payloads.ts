import {
  ApplicationCommandType,
  ComponentType,
  InteractionType,
  MessageType,
  type APIApplicationCommandInteractionDataOption,
  type APIChatInputApplicationCommandGuildInteraction,
  type APIGuildInteractionWrapper,
  type APIMessageComponentButtonInteraction,
  type Locale,
} from 'discord-api-types/v10';
import { guildEnvelope } from '@kd/discord-fake';
import { commandOptions } from './command-options-payload.js';
import { snowflakeFor } from './fixtures.js';

export const interactionApplicationId = snowflakeFor(900);
export const interactionGuildId = snowflakeFor(901);
export const interactionChannelId = snowflakeFor(902);
export const interactionOwner = { id: snowflakeFor(903), username: 'ada', global_name: 'Ada' };
export const interactionMember = { id: snowflakeFor(904), username: 'bob', global_name: null };
/** Manage Guild (1 << 5) | Manage Events (1 << 33) */
export const adminPermissions = String((1n << 5n) | (1n << 33n));
export const memberPermissions = '0';

type OptionValue = string | number | boolean;
type User = { id: string; username: string; global_name: string | null };

let next = 5_000;

/** Typed as Discord's own payload types (API v10), and usable as plain JSON records. */
export type CommandInteraction = APIChatInputApplicationCommandGuildInteraction & {
  data: { options: APIApplicationCommandInteractionDataOption[] };
} & Record<string, unknown>;
export type ButtonInteraction = APIGuildInteractionWrapper<APIMessageComponentButtonInteraction> &
  Record<string, unknown>;

const envelope = (who: User, permissions: string, locale?: `${Locale}`) =>
  guildEnvelope({
    guildId: interactionGuildId,
    channelId: interactionChannelId,
    user: who,
    permissions,
    ...(locale ? { locale } : {}),
  });

/**
 * An APPLICATION_COMMAND interaction as Discord sends it (HTTP body or gateway
 * INTERACTION_CREATE data), with every field Discord always sends.
 */
export function commandInteraction(
  name: string,
  options: Record<string, OptionValue> = {},
  who: User = interactionOwner,
  permissions = adminPermissions,
  locale?: `${Locale}`,
): CommandInteraction {
  const id = snowflakeFor(7_000_000 + ++next);
  return {
    id,
    type: InteractionType.ApplicationCommand,
    application_id: interactionApplicationId,
    token: `token-${id}`,
    ...envelope(who, permissions, locale),
    data: {
      id: snowflakeFor(800),
      name,
      type: ApplicationCommandType.ChatInput,
      guild_id: interactionGuildId,
      options: commandOptions(options),
    },
  };
}

/**
 * A button press (MESSAGE_COMPONENT) as Discord sends it: the pressing member, the button's
 * `custom_id`, and the message the button sits on.
 */
export function buttonInteraction(
  customId: string,
  who: User = interactionMember,
  permissions = memberPermissions,
  locale?: `${Locale}`,
): ButtonInteraction {
  const id = snowflakeFor(7_500_000 + ++next);
  return {
    id,
    type: InteractionType.MessageComponent,
    application_id: interactionApplicationId,
    token: `token-${id}`,
    ...envelope(who, permissions, locale),
    data: { custom_id: customId, component_type: ComponentType.Button },
    message: {
      id: snowflakeFor(7_900_000 + next),
      channel_id: interactionChannelId,
      type: MessageType.Default,
      content: 'Meeting created.',
      author: {
        id: interactionApplicationId,
        username: 'kaltura',
        discriminator: '0',
        global_name: null,
        avatar: null,
        bot: true,
      },
      embeds: [],
      components: [],
      attachments: [],
      mentions: [],
      mention_roles: [],
      pinned: false,
      mention_everyone: false,
      tts: false,
      timestamp: '2026-01-01T00:00:00.000Z',
      edited_timestamp: null,
    },
  };
}
