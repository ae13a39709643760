import { everyone, type CommandName, type FeatureName } from '../schema/config-catalog.js';
import {
  hasPermission,
  isDiscordPermissionName,
  parsePermissionBitfield,
} from '../schema/discord-permissions.js';
import type { GuildConfig } from '../schema/guild-config.schema.js';

/** A guild member as Discord sends it with an interaction. */
export interface MemberAccess {
  roles: readonly string[];
  /** Decimal string bitfield of the member's permissions in the channel. */
  permissions: string;
}

export type AccessDecision =
  | { allowed: true; via: 'administrator' | 'everyone' | 'permission' | 'role' }
  | {
      allowed: false;
      code: 'PERMISSION.DENIED';
      reason: 'command_disabled' | 'feature_disabled' | 'missing_permission';
      message: string;
      required: readonly string[];
    };

/** Commands that also need a feature switched on. */
const commandFeature: Partial<Record<CommandName, FeatureName>> = {
  'kaltura-video-search': 'video_search',
};

/**
 * Whether a member may run a command: it must be enabled (for everyone, admins included), and
 * the member must match one entry of its access list; Administrator matches every list.
 */
export function canUse(
  config: GuildConfig,
  command: CommandName,
  member: MemberAccess,
): AccessDecision {
  const denied = (
    reason: 'command_disabled' | 'feature_disabled' | 'missing_permission',
    message: string,
    required: readonly string[] = [],
  ) => ({ allowed: false, code: 'PERMISSION.DENIED', reason, message, required }) as const;
  if (!config.commands.enabled[command])
    return denied('command_disabled', `/${command} is disabled on this server.`);
  const feature = commandFeature[command];
  if (feature && !config.features[feature])
    return denied(
      'feature_disabled',
      `/${command} needs the ${feature} feature, which is off on this server.`,
    );
  const bits = parsePermissionBitfield(member.permissions);
  if (hasPermission(bits, 'Administrator')) return { allowed: true, via: 'administrator' };
  const required = config.commands.permissions[command];
  for (const entry of required) {
    if (entry === everyone) return { allowed: true, via: 'everyone' };
    if (isDiscordPermissionName(entry)) {
      if (hasPermission(bits, entry)) return { allowed: true, via: 'permission' };
    } else if (member.roles.includes(entry)) return { allowed: true, via: 'role' };
  }
  return denied(
    'missing_permission',
    `/${command} needs one of: ${required.map(describe).join(', ')}.`,
    required,
  );
}

const describe = (entry: string) =>
  isDiscordPermissionName(entry) ? `the ${entry} permission` : `the <@&${entry}> role`;
