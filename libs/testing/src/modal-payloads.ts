import { buttonInteraction, interactionOwner } from './interaction-payloads.js';
import { snowflakeFor } from './fixtures.js';

let next = 0;

/**
 * A submitted modal (MODAL_SUBMIT, type 5) as Discord sends it: the modal's `custom_id` and its
 * text inputs, each in an action row.
 */
export function modalSubmitInteraction(
  customId: string,
  fields: Record<string, string>,
  who = interactionOwner,
) {
  const { message, ...base } = buttonInteraction(customId, who, String(1n << 5n));
  void message; // a modal submit from a slash command's modal sits on no message
  const id = snowflakeFor(7_700_000 + ++next);
  return {
    ...base,
    id,
    token: `token-${id}`,
    type: 5,
    data: {
      custom_id: customId,
      components: Object.entries(fields).map(([inputId, value]) => ({
        type: 1,
        components: [{ type: 4, custom_id: inputId, value }],
      })),
    },
  };
}
