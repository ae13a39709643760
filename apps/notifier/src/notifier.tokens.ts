export const NOTIFIER_CONFIG = Symbol('NOTIFIER_CONFIG');
export const LOGGER = Symbol('LOGGER');
