import { common } from './common.js';
import { config } from './config.js';

/** Every namespace; add a new catalog file here (one line) and nowhere else. */
export const catalogs = [common, config] as const;
