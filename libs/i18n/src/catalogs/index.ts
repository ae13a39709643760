import { common } from './common.js';
import { notify } from './notify.js';

/** Every namespace; add a new catalog file here (one line) and nowhere else. */
export const catalogs = [common, notify] as const;
