import {
  InvalidButtonError,
  buttonCustomId,
  discordLimits,
  type ComponentHandler,
  type Reply,
} from '@kd/discord';
import { KdError } from '@kd/events';
import {
  maxTemplateLength,
  notificationKinds,
  templatePlaceholders,
  validateUpdate,
  type NotificationKind,
} from '@kd/guild-config';
import type { CommandServices } from '../command-services.js';
import { confirmButtons } from '../settings/confirm-buttons.js';
import { pendingFor } from '../settings/pending-check.js';
import { previewTemplate } from '../settings/sample-meeting.js';
import { settingsContext, type SettingsContext } from '../settings/settings-context.js';

/** The text input of the editor modal. */
const templateInput = 'template';

/** `/kaltura-config-update template kind`: a modal with the current text to edit. */
export async function templateEditor(
  s: CommandServices,
  ctx: SettingsContext,
  kind: NotificationKind,
): Promise<Reply> {
  const config = await s.guildConfig.get(ctx.guildId);
  const placeholders = templatePlaceholders[kind].map((p) => `{{${p}}}`).join(' ');
  return {
    ephemeral: true,
    content: ctx.t('modal_fallback'),
    modal: {
      customId: buttonCustomId('template', kind),
      title: ctx.t('modal_title', { kind: ctx.t(`kind_${kind}`) }),
      inputs: [
        {
          customId: templateInput,
          label: ctx.t('modal_label'),
          paragraph: true,
          value: config.notifications.templates[kind],
          placeholder: ctx.t('modal_placeholder', { placeholders }),
          minLength: 1,
          maxLength: maxTemplateLength,
          required: true,
        },
      ],
    },
  };
}

/**
 * The editor submitted: the text is checked as the configuration would check it (placeholders,
 * length), rendered from a sample meeting, and kept pending under Save / Cancel. Nothing is
 * recorded in the configuration yet.
 */
export function templateSubmitted(s: CommandServices): ComponentHandler {
  return async (invocation) => {
    const ctx = settingsContext(s, invocation);
    const kind = kindOf(invocation.component.id);
    const key = `notifications.templates.${kind}`;
    const text = invocation.component.fields[templateInput] ?? '';
    const { value } = validateUpdate(key, text);
    if (typeof value !== 'string') throw invalidTemplate(key, ctx.t('template_missing'));
    const config = await s.guildConfig.get(ctx.guildId);
    const preview = previewTemplate(value, ctx.locale, config.notifications.reminder_minutes);
    if ([...preview].length > discordLimits.content)
      throw invalidTemplate(
        key,
        ctx.t('preview_too_long', { length: [...preview].length, max: discordLimits.content }),
      );
    await s.pendingChanges.put(
      invocation.interactionId,
      { action: 'template', kind, key, value },
      { guildId: ctx.guildId, userId: invocation.user.id, now: ctx.now },
    );
    const kindName = ctx.t(`kind_${kind}`);
    return {
      ephemeral: true,
      embeds: [
        {
          title: ctx.t('preview_title', { kind: kindName }),
          description: preview,
          footer: { text: ctx.t('preview_footer') },
        },
      ],
      components: confirmButtons(
        invocation.interactionId,
        { action: 'template-ok', label: ctx.t('save'), danger: false },
        { action: 'template-no', label: ctx.t('cancel') },
      ),
    };
  };
}

/** Save under a preview: the one step that records `config.updated`. */
export function templateSaved(s: CommandServices): ComponentHandler {
  return async (invocation) => {
    const ctx = settingsContext(s, invocation);
    const pending = await pendingFor(s, invocation, ctx, 'template');
    const outcome = await s.guildConfig.update(
      ctx.guildId,
      pending.key,
      pending.value,
      ctx.actor,
      ctx.correlationId,
    );
    await s.pendingChanges.delete(invocation.component.id);
    const kind = ctx.t(`kind_${pending.kind}`);
    return {
      ephemeral: true,
      update: true,
      content: ctx.t(outcome.changed ? 'template_saved' : 'template_unchanged', { kind }),
      components: [],
    };
  };
}

/** Cancel under a preview: the pending text is dropped, nothing recorded. */
export function templateCanceled(s: CommandServices): ComponentHandler {
  return async (invocation) => {
    const ctx = settingsContext(s, invocation);
    const pending = await pendingFor(s, invocation, ctx, 'template');
    await s.pendingChanges.delete(invocation.component.id);
    return {
      ephemeral: true,
      update: true,
      content: ctx.t('template_canceled', { kind: ctx.t(`kind_${pending.kind}`) }),
      embeds: [],
      components: [],
    };
  };
}

function kindOf(id: string): NotificationKind {
  const kind = notificationKinds.find((k) => k === id);
  if (!kind) throw new InvalidButtonError();
  return kind;
}

const invalidTemplate = (key: string, message: string) =>
  new KdError('CONFIG.INVALID_VALUE', message, 'validation', { details: { key } });
