import { commandNames } from '@kd/guild-config';

/**
 * The user-facing slash commands (DESIGN §1): "features" for feature adoption. Every command we
 * register is one. SQL reads kd.analytics_user_facing_commands, filled by a migration: a new
 * command needs a migration too (analytics-access.int-spec.ts fails until it has one).
 */
export const userFacingCommands = commandNames;
export type UserFacingCommand = (typeof userFacingCommands)[number];

const featureSet: ReadonlySet<string> = new Set(userFacingCommands);

export function isUserFacingCommand(command: string): command is UserFacingCommand {
  return featureSet.has(command);
}
