import { common } from './common.js';
import { schedule } from './schedule.js';

/** Every namespace; add a new catalog file here (one line) and nowhere else. */
export const catalogs = [common, schedule] as const;
