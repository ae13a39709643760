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

/**
 * An APPLICATION_COMMAND interaction as Discord sends it (HTTP body or gateway
 * INTERACTION_CREATE data), with the fields discord.js reads.
 */
export function commandInteraction(
  name: string,
  options: Record<string, OptionValue> = {},
  who: User = interactionOwner,
  permissions = adminPermissions,
) {
  const id = snowflakeFor(7_000_000 + ++next);
  return {
    id,
    type: 2,
    version: 1,
    application_id: interactionApplicationId,
    token: `token-${id}`,
    guild_id: interactionGuildId,
    channel_id: interactionChannelId,
    locale: 'en-US',
    app_permissions: '0',
    entitlements: [],
    authorizing_integration_owners: { '0': interactionGuildId },
    context: 0,
    member: { user: who, roles: [] as string[], permissions },
    data: {
      id: snowflakeFor(800),
      name,
      type: 1,
      options: commandOptions(options),
    },
  };
}

/**
 * A button press (MESSAGE_COMPONENT, type 3) as Discord sends it: the pressing member, the
 * button's `custom_id`, and the message the button sits on.
 */
export function buttonInteraction(
  customId: string,
  who: User = interactionMember,
  permissions = memberPermissions,
) {
  const id = snowflakeFor(7_500_000 + ++next);
  return {
    id,
    type: 3,
    version: 1,
    application_id: interactionApplicationId,
    token: `token-${id}`,
    guild_id: interactionGuildId,
    channel_id: interactionChannelId,
    locale: 'en-US',
    app_permissions: '0',
    entitlements: [],
    authorizing_integration_owners: { '0': interactionGuildId },
    context: 0,
    member: { user: who, roles: [] as string[], permissions },
    data: { custom_id: customId, component_type: 2 },
    message: {
      id: snowflakeFor(7_900_000 + next),
      channel_id: interactionChannelId,
      type: 0,
      content: 'Meeting created.',
      author: { id: interactionApplicationId, username: 'kaltura', discriminator: '0', bot: true },
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
      flags: 0,
    },
  };
}
