import type { CommandHandler, ComponentHandler } from '@kd/discord';
import type { CommandServices } from '../command-services.js';
import { confirmButtons } from '../settings/confirm-buttons.js';
import { pendingFor } from '../settings/pending-check.js';
import { settingsContext, type SettingsContext } from '../settings/settings-context.js';

const sectionName = (section: string, ctx: SettingsContext) =>
  ctx.t(section === 'all' ? 'section_all' : `section_${section}`);

/**
 * `/kaltura-config-reset section`: asks first. Reset / Cancel buttons name a pending reset that
 * only the same member, in the same guild, within the window, can confirm.
 */
export function configResetHandler(s: CommandServices): CommandHandler<'kaltura-config-reset'> {
  return async (invocation, { options }) => {
    const ctx = settingsContext(s, invocation);
    const { section } = options;
    const view = await s.guildConfig.view(ctx.guildId);
    const affected = view.changedKeys.filter(
      (key) => section === 'all' || key.startsWith(`${section}.`),
    );
    const name = sectionName(section, ctx);
    if (affected.length === 0)
      return { ephemeral: true, content: ctx.t('reset_nothing', { section: name }) };
    await s.pendingChanges.put(
      invocation.interactionId,
      { action: 'reset', section },
      { guildId: ctx.guildId, userId: invocation.user.id, now: ctx.now },
    );
    return {
      ephemeral: true,
      content: ctx.t('reset_ask', { section: name, count: affected.length }),
      components: confirmButtons(
        invocation.interactionId,
        { action: 'reset-ok', label: ctx.t('confirm_reset'), danger: true },
        { action: 'reset-no', label: ctx.t('cancel') },
      ),
    };
  };
}

/** Reset pressed: the one step that records `config.reset`. */
export function resetConfirmed(s: CommandServices): ComponentHandler {
  return async (invocation) => {
    const ctx = settingsContext(s, invocation);
    const pending = await pendingFor(s, invocation, ctx, 'reset');
    const outcome = await s.guildConfig.reset(
      ctx.guildId,
      pending.section,
      ctx.actor,
      ctx.correlationId,
    );
    await s.pendingChanges.delete(invocation.component.id);
    const section = sectionName(pending.section, ctx);
    return {
      ephemeral: true,
      update: true,
      content: ctx.t(outcome.changed ? 'reset_done' : 'reset_nothing', { section }),
      components: [],
    };
  };
}

export function resetCanceled(s: CommandServices): ComponentHandler {
  return async (invocation) => {
    const ctx = settingsContext(s, invocation);
    await pendingFor(s, invocation, ctx, 'reset');
    await s.pendingChanges.delete(invocation.component.id);
    return { ephemeral: true, update: true, content: ctx.t('reset_canceled'), components: [] };
  };
}
