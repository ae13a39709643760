import { ButtonStyle, ComponentType } from 'discord-api-types/v10';
import { buttonCustomId } from './custom-id.js';

/** Confirm / Cancel under the `/kaltura-forget-me` question; they answer only that member. */
export function forgetButtons(
  userId: string,
  labels: { confirm: string; cancel: string },
): Record<string, unknown>[] {
  return [
    {
      type: ComponentType.ActionRow,
      components: [
        {
          type: ComponentType.Button,
          style: ButtonStyle.Danger,
          label: labels.confirm,
          custom_id: buttonCustomId('forget', userId),
        },
        {
          type: ComponentType.Button,
          style: ButtonStyle.Secondary,
          label: labels.cancel,
          custom_id: buttonCustomId('forget-cancel', userId),
        },
      ],
    },
  ];
}
