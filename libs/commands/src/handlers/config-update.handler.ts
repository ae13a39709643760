import type { CommandHandler } from '@kd/discord';
import type { UpdateOutcome } from '@kd/guild-config';
import type { CommandServices } from '../command-services.js';
import { changesOf } from '../settings/option-changes.js';
import { settingsContext, type SettingsContext } from '../settings/settings-context.js';
import { templateEditor } from './config-template.handlers.js';

/**
 * `/kaltura-config-update <sub-command>`: typed options become dotted keys, every one checked
 * before any is written; `template` opens the editor instead.
 */
export function configUpdateHandler(s: CommandServices): CommandHandler<'kaltura-config-update'> {
  return async (invocation, { options }) => {
    const ctx = settingsContext(s, invocation);
    if (options.subcommand === 'template') return templateEditor(s, ctx, options.kind);
    const outcomes: UpdateOutcome[] = [];
    for (const { key, value } of changesOf(options, ctx.locale))
      outcomes.push(
        await s.guildConfig.update(ctx.guildId, key, value, ctx.actor, ctx.correlationId),
      );
    return { ephemeral: true, content: summary(outcomes, ctx) };
  };
}

function summary(outcomes: readonly UpdateOutcome[], ctx: SettingsContext): string {
  const keys = (changed: boolean) =>
    outcomes
      .filter((o) => o.changed === changed)
      .map((o) => `\`${o.key}\``)
      .join(', ');
  const updated = keys(true);
  const unchanged = keys(false);
  return [
    updated && ctx.t('updated', { what: updated }),
    unchanged && ctx.t('unchanged', { what: unchanged }),
  ]
    .filter(Boolean)
    .join('\n');
}
