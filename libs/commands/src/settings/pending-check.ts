import type { CommandInvocation, ComponentPress } from '@kd/discord';
import type { CommandServices } from '../command-services.js';
import { pendingValidForMs, type StoredPendingChange } from './pending-changes.js';
import {
  ComponentExpiredError,
  ComponentNotYoursError,
  type SettingsContext,
} from './settings-context.js';

type Action = StoredPendingChange['action'];

/**
 * The pending change a Confirm/Save/Cancel acts on, if it may: recorded by this guild, asked by
 * this member, within its window. Otherwise a clear refusal (expired or not theirs).
 */
export async function pendingFor<A extends Action>(
  s: Pick<CommandServices, 'pendingChanges'>,
  invocation: CommandInvocation & { component: ComponentPress },
  ctx: SettingsContext,
  action: A,
): Promise<Extract<StoredPendingChange, { action: A }>> {
  const pending = await s.pendingChanges.get(invocation.component.id);
  const expired = () =>
    new ComponentExpiredError(ctx.t('stale', { minutes: pendingValidForMs / 60_000 }));
  if (!pending || pending.action !== action || pending.guildId !== ctx.guildId) throw expired();
  if (pending.userId !== invocation.user.id)
    throw new ComponentNotYoursError(ctx.t('foreign_user'));
  if (ctx.now.getTime() - pending.createdAt > pendingValidForMs) throw expired();
  return pending as Extract<StoredPendingChange, { action: A }>;
}
