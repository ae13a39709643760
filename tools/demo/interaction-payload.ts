import type { OptionValue, PlannedCommand } from './command-mix.js';
import { adminPermissions, memberPermissions } from './demo-world.js';

/** Discord's option types: string 3, integer 4, boolean 5. */
const optionType = (value: OptionValue) =>
  typeof value === 'number' ? 4 : typeof value === 'boolean' ? 5 : 3;

/**
 * An APPLICATION_COMMAND (or, for a Join button, MESSAGE_COMPONENT) interaction in a guild as
 * Discord sends it, without `id`, `token` and
 * `application_id`: discord-sim fills those in, as Discord does, and signs the result.
 */
export function interactionPayload(planned: PlannedCommand): Record<string, unknown> {
  const { guild, user } = planned;
  return {
    version: 1,
    guild_id: guild.id,
    channel_id: guild.channelId,
    locale: 'en-US',
    guild_locale: 'en-US',
    app_permissions: '0',
    entitlements: [],
    authorizing_integration_owners: { '0': guild.id },
    context: 0,
    member: {
      user: { id: user.id, username: user.name.toLowerCase(), global_name: user.name },
      roles: user.roles,
      permissions: user.admin ? adminPermissions : memberPermissions,
      joined_at: '2024-01-01T00:00:00.000Z',
    },
    ...(planned.via === 'button' ? buttonPress(planned) : slashCommand(planned)),
  };
}

function slashCommand(planned: PlannedCommand) {
  const { subcommand, ...rest } = planned.options;
  const values = Object.entries(subcommand === undefined ? planned.options : rest).map(
    ([name, value]) => ({ name, type: optionType(value), value }),
  );
  // A sub-command (type 1) carries its own options, as Discord sends `/kaltura-config-update switch …`.
  const options =
    subcommand === undefined ? values : [{ name: String(subcommand), type: 1, options: values }];
  return { type: 2, data: { name: planned.command, type: 1, options } };
}

/** A press of the Join button under a meeting announcement (MESSAGE_COMPONENT). */
function buttonPress(planned: PlannedCommand) {
  const customId = `kd1:join:${String(planned.options['meeting-id'])}`;
  return { type: 3, data: { custom_id: customId, component_type: 2 } };
}
