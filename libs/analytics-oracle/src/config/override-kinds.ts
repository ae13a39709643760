/** What a guild customized, from its overridden leaf keys (DESIGN §4 key families). */
export interface OverrideKinds {
  any: boolean;
  template: boolean;
  roleMapping: boolean;
  notification: boolean;
}

const isTemplate = (key: string): boolean => key.startsWith('notifications.templates.');
const isRoleMapping = (key: string): boolean => key.startsWith('roles.mapping.');
const isNotification = (key: string): boolean =>
  key === 'notifications.enabled' ||
  key.startsWith('notifications.enabled.') ||
  key.startsWith('notifications.types.') ||
  key.startsWith('notifications.channels.');

export function overrideKinds(overridden: readonly string[]): OverrideKinds {
  return {
    any: overridden.length > 0,
    template: overridden.some(isTemplate),
    roleMapping: overridden.some(isRoleMapping),
    notification: overridden.some(isNotification),
  };
}
