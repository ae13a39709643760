import { ButtonStyle, ComponentType } from 'discord-api-types/v10';
import { buttonCustomId } from '@kd/discord';
import { translate, type Locale } from '@kd/i18n';

/** An action row of one button. */
export function buttonRow(button: Record<string, unknown>): Record<string, unknown>[] {
  return [{ type: ComponentType.ActionRow, components: [button] }];
}

/**
 * The Join button under a live meeting, labelled in the guild's language: each member who presses
 * it gets their own link, ephemerally. The message itself never carries a join URL (DESIGN §6b).
 */
export function joinButtonRow(meetingId: string, locale: Locale): Record<string, unknown>[] {
  return buttonRow({
    type: ComponentType.Button,
    style: ButtonStyle.Primary,
    label: translate(locale, 'notify.button_join'),
    custom_id: buttonCustomId('join', meetingId),
  });
}
