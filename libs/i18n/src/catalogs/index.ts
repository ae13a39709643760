import { common } from './common.js';
import { stats } from './stats.js';

/** Every namespace; add a new catalog file here (one line) and nowhere else. */
export const catalogs = [common, stats] as const;
