import { ButtonStyle, ComponentType } from 'discord-api-types/v10';
import { buttonCustomId } from './custom-id.js';

/** Discord component types and button styles we use. */
const ActionRow = ComponentType.ActionRow;
const Button = ComponentType.Button;
const Primary = ButtonStyle.Primary;
const Danger = ButtonStyle.Danger;

/**
 * The buttons under a meeting announcement: Join (anyone: their own link, ephemerally) and
 * optionally End (checked when pressed: the host, or a member allowed to end others' meetings).
 */
export function meetingButtons(
  meetingId: string,
  options: { end?: boolean; labels?: { join: string; end: string } } = {},
): Record<string, unknown>[] {
  const join = {
    type: Button,
    style: Primary,
    label: options.labels?.join ?? 'Join',
    custom_id: buttonCustomId('join', meetingId),
  };
  const end = {
    type: Button,
    style: Danger,
    label: options.labels?.end ?? 'End',
    custom_id: buttonCustomId('end', meetingId),
  };
  return [{ type: ActionRow, components: options.end ? [join, end] : [join] }];
}
