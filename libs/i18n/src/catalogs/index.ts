import { common } from './common.js';
import { config } from './config.js';
import { notify } from './notify.js';
import { privacy } from './privacy.js';
import { stats } from './stats.js';

/** Every namespace; add a new catalog file here (one line) and nowhere else. */
export const catalogs = [common, config, notify, privacy, stats] as const;
