export const PROJECTOR_CONFIG = Symbol('PROJECTOR_CONFIG');
export const LOGGER = Symbol('LOGGER');
