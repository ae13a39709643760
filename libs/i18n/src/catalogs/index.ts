import { common } from './common.js';

/** Every namespace; add a new catalog file here (one line) and nowhere else. */
export const catalogs = [common] as const;
