import { ButtonStyle, ComponentType } from 'discord-api-types/v10';
import { buttonCustomId, type SettingsAction } from '@kd/discord';

/** One action row: the confirming button (Save, Reset) and Cancel, both naming the pending id. */
export function confirmButtons(
  pendingId: string,
  confirm: { action: SettingsAction; label: string; danger: boolean },
  cancel: { action: SettingsAction; label: string },
): Record<string, unknown>[] {
  return [
    {
      type: ComponentType.ActionRow,
      components: [
        {
          type: ComponentType.Button,
          style: confirm.danger ? ButtonStyle.Danger : ButtonStyle.Success,
          label: confirm.label,
          custom_id: buttonCustomId(confirm.action, pendingId),
        },
        {
          type: ComponentType.Button,
          style: ButtonStyle.Secondary,
          label: cancel.label,
          custom_id: buttonCustomId(cancel.action, pendingId),
        },
      ],
    },
  ];
}
