import { KdError } from '@kd/events';
import { InvalidOptionError, type CommandHandler, type OptionsOf } from '@kd/discord';
import { isChannelKey } from '@kd/guild-config';
import type { CommandServices } from '../command-services.js';
import { correlationOf } from '../correlation.js';

const actorOf = (userId: string) => ({ kind: 'user' as const, id: userId });

export function configViewHandler(s: CommandServices): CommandHandler<'kaltura-config-view'> {
  return async (invocation) => {
    const view = await s.guildConfig.view(invocation.guildId ?? '');
    const changed =
      view.changedKeys.length === 0
        ? 'none (all defaults)'
        : view.changedKeys.map((k) => `\`${k}\``).join(', ');
    const json = JSON.stringify(view.effective, null, 1);
    return {
      ephemeral: true,
      content: `**Changed from the defaults:** ${changed}\n\`\`\`json\n${json.length > 1700 ? `${json.slice(0, 1700)}\n…` : json}\n\`\`\``,
    };
  };
}

export function configUpdateHandler(s: CommandServices): CommandHandler<'kaltura-config-update'> {
  return async (invocation, { options }) => {
    const key = `${options.section}.${options.key}`;
    const outcome = await s.guildConfig.update(
      invocation.guildId ?? '',
      key,
      updateValue(key, options),
      actorOf(invocation.user.id),
      correlationOf(invocation),
    );
    if (!outcome.changed)
      return {
        ephemeral: true,
        content: `\`${outcome.key}\` already has that value; nothing changed.`,
      };
    return { ephemeral: true, content: `Updated \`${outcome.key}\`.` };
  };
}

export function configResetHandler(s: CommandServices): CommandHandler<'kaltura-config-reset'> {
  return async (invocation, { options }) => {
    if (!options.confirm)
      throw new KdError(
        'COMMAND.NOT_CONFIRMED',
        'Nothing was reset: set confirm to True to reset.',
        'validation',
      );
    const outcome = await s.guildConfig.reset(
      invocation.guildId ?? '',
      options.section,
      actorOf(invocation.user.id),
      correlationOf(invocation),
    );
    return {
      ephemeral: true,
      content: outcome.changed
        ? `Reset \`${options.section}\` to the defaults.`
        : `\`${options.section}\` already has the default settings.`,
    };
  };
}

/**
 * The value to set: `channel` (a channel picked in Discord) for a channel key, `value` (text)
 * for the others; a channel key also takes text ("default", "null", an id or mention), and every
 * channel id is checked against the guild by the configuration service either way.
 */
function updateValue(key: string, options: OptionsOf<'kaltura-config-update'>): string {
  const { value, channel } = options;
  const problem = (message: string) =>
    new InvalidOptionError('kaltura-config-update', [{ path: 'channel', message }]);
  if (value !== undefined && channel !== undefined)
    throw problem('give either value or channel, not both');
  if (channel !== undefined && !isChannelKey(key))
    throw problem(`is only for notifications channels.* keys, not ${key}; use value`);
  const chosen = channel ?? value;
  if (chosen === undefined)
    throw new InvalidOptionError('kaltura-config-update', [
      { path: isChannelKey(key) ? 'channel' : 'value', message: 'is required' },
    ]);
  return chosen;
}
