/**
 * Components of the settings commands, and the command each stands for: a press or a submitted
 * modal is authorized and recorded as that command (`via` button or modal). Their id is the
 * pending change they act on (a notification kind for the template editor).
 */
export const settingsActions = {
  /** Confirm / cancel a `/kaltura-config-reset`. */
  'reset-ok': 'kaltura-config-reset',
  'reset-no': 'kaltura-config-reset',
  /** The template editor modal, then Save / Cancel under its preview. */
  template: 'kaltura-config-update',
  'template-ok': 'kaltura-config-update',
  'template-no': 'kaltura-config-update',
} as const;
export type SettingsAction = keyof typeof settingsActions;

export function isSettingsAction(action: string): action is SettingsAction {
  return Object.hasOwn(settingsActions, action);
}
