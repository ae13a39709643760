import type { KalturaRole } from '../schema/config-catalog.js';
import { hasPermission, parsePermissionBitfield } from '../schema/discord-permissions.js';
import type { GuildConfig } from '../schema/guild-config.schema.js';

/**
 * The Kaltura role a member joins with. adminRole when any source says so (Administrator, one
 * of `roles.moderator_permissions`, a role mapped to adminRole); else viewerRole when a role
 * maps to it; else `roles.default`. Meeting owners are moderators regardless: the caller knows.
 */
export function roleFor(
  config: GuildConfig,
  memberRoleIds: readonly string[],
  memberPermissions: string | undefined,
): KalturaRole {
  const bits = parsePermissionBitfield(memberPermissions);
  const { mapping, moderator_permissions: moderatorPermissions } = config.roles;
  if (hasPermission(bits, 'Administrator')) return 'adminRole';
  if (moderatorPermissions.some((name) => hasPermission(bits, name))) return 'adminRole';
  const mapped = new Set(memberRoleIds.map((id) => mapping[id]));
  if (mapped.has('adminRole')) return 'adminRole';
  if (mapped.has('viewerRole')) return 'viewerRole';
  return config.roles.default;
}
