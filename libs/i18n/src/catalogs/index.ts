import { common } from './common.js';
import { privacy } from './privacy.js';

/** Every namespace; add a new catalog file here (one line) and nowhere else. */
export const catalogs = [common, privacy] as const;
