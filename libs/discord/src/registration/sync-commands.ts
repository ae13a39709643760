import type { REST } from '@discordjs/rest';
import { z } from 'zod';
import { KdError } from '@kd/events';
import type { Logger } from '@kd/observability';
import { toDiscordPayload, type CommandDefinition } from '../commands/command-definition.js';
import { checkCommandRules } from '../commands/definition-rules.js';
import { discordRoutes } from '../rest/discord-routes.js';
import { remoteCommandSchema, sameCommands } from './normalize-command.js';

export interface SyncCommandsOptions {
  /** Register for one server only (instant; for development) instead of globally. */
  guildId?: string;
}

/**
 * Makes Discord's registered commands equal ours: GET, compare, and `PUT` (which replaces the
 * whole set, removing stale commands) only when something differs, so restarts cost one GET.
 */
export async function syncCommands(
  rest: REST,
  applicationId: string,
  definitions: readonly CommandDefinition[],
  logger: Logger,
  options: SyncCommandsOptions = {},
): Promise<{ changed: boolean }> {
  const ours = definitions.map(toDiscordPayload);
  const problems = checkCommandRules(ours);
  if (problems.length > 0)
    throw new KdError('DISCORD.INVALID_COMMANDS', problems.join('; '), 'internal');
  const route = options.guildId
    ? discordRoutes.applicationGuildCommands(applicationId, options.guildId)
    : discordRoutes.applicationCommands(applicationId);
  // Without with_localizations Discord leaves the localization maps out of the answer.
  const query = new URLSearchParams({ with_localizations: 'true' });
  const registered = z.array(remoteCommandSchema).parse(await rest.get(route, { query }));
  const scope = options.guildId ? 'guild' : 'global';
  if (sameCommands(registered, ours)) {
    logger.info({ scope, commands: ours.length }, 'Discord commands already up to date');
    return { changed: false };
  }
  await rest.put(route, { body: ours });
  logger.info(
    { scope, commands: ours.map((c) => c.name), before: registered.map((c) => c.name) },
    'Discord commands registered',
  );
  return { changed: true };
}
