/** The user-facing slash commands (DESIGN §1): "features" for feature adoption. */
export const userFacingCommands = [
  'kaltura-start',
  'kaltura-join',
  'kaltura-list',
  'kaltura-end',
  'kaltura-video-search',
  'kaltura-config-view',
  'kaltura-config-update',
  'kaltura-config-reset',
  'kaltura-stats',
] as const;
export type UserFacingCommand = (typeof userFacingCommands)[number];

const featureSet: ReadonlySet<string> = new Set(userFacingCommands);

export function isUserFacingCommand(command: string): command is UserFacingCommand {
  return featureSet.has(command);
}
