import { common } from './common.js';
import { config } from './config.js';
import { notify } from './notify.js';
import { stats } from './stats.js';

/** Every namespace; add a new catalog file here (one line) and nowhere else. */
export const catalogs = [common, config, notify, stats] as const;
