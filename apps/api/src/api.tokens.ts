export const API_CONFIG = Symbol('API_CONFIG');
export const LOGGER = Symbol('LOGGER');
export const REVOKED_TOKENS = Symbol('REVOKED_TOKENS');
/** The analytics reads' pool: the read replica (DATABASE_READ_URL) or the primary's. */
export const READ_DATABASE = Symbol('READ_DATABASE');
