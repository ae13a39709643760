import { KdError } from '@kd/events';
import type { AuthorizeCommand } from '@kd/discord';
import { canUse, type GuildConfigService } from '@kd/guild-config';

export class PermissionDeniedError extends KdError {
  constructor(
    message: string,
    required: readonly string[],
    denial: { command: string; reason: string } = { command: '', reason: 'missing_permission' },
  ) {
    super('PERMISSION.DENIED', message, 'permission', { details: { required, ...denial } });
  }
}

/** Per-guild permissions from the guild configuration, checked against the member. */
export function authorizeFromGuildConfig(guildConfig: GuildConfigService): AuthorizeCommand {
  return async (invocation, command) => {
    // A guild cannot keep a member from being forgotten (docs/privacy.md).
    if (invocation.guildId === null || command === 'kaltura-forget-me') return;
    const config = await guildConfig.get(invocation.guildId);
    const decision = canUse(config, command, {
      roles: invocation.memberRoles,
      permissions: invocation.memberPermissions,
    });
    if (!decision.allowed)
      throw new PermissionDeniedError(decision.message, decision.required, {
        command,
        reason: decision.reason,
      });
  };
}
