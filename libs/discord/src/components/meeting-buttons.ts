import { buttonCustomId } from './custom-id.js';

/** Discord component types and button styles we use. */
const ActionRow = 1;
const Button = 2;
const Primary = 1;
const Danger = 4;

/**
 * The buttons under a meeting announcement: Join (anyone: their own link, ephemerally) and
 * optionally End (checked when pressed: the host, or a member allowed to end others' meetings).
 */
export function meetingButtons(
  meetingId: string,
  options: { end?: boolean } = {},
): Record<string, unknown>[] {
  const join = {
    type: Button,
    style: Primary,
    label: 'Join',
    custom_id: buttonCustomId('join', meetingId),
  };
  const end = {
    type: Button,
    style: Danger,
    label: 'End',
    custom_id: buttonCustomId('end', meetingId),
  };
  return [{ type: ActionRow, components: options.end ? [join, end] : [join] }];
}
