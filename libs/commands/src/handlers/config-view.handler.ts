import type { CommandHandler } from '@kd/discord';
import type { CommandServices } from '../command-services.js';
import { configEmbeds } from '../settings/config-embeds.js';
import { settingsContext } from '../settings/settings-context.js';

/** `/kaltura-config-view [section]`: an embed per section, changes from the defaults marked. */
export function configViewHandler(s: CommandServices): CommandHandler<'kaltura-config-view'> {
  return async (invocation, { options }) => {
    const ctx = settingsContext(s, invocation);
    const view = await s.guildConfig.view(ctx.guildId);
    const changed = options.section
      ? view.changedKeys.filter((key) => key.startsWith(`${options.section}.`))
      : view.changedKeys;
    return {
      ephemeral: true,
      content: ctx.t('view_summary', { count: changed.length }),
      embeds: configEmbeds(view, ctx.locale, options.section),
    };
  };
}
