import { commands } from './commands.js';
import { common } from './common.js';
import { errors } from './errors.js';
import { meetings } from './meetings.js';
import { video } from './video.js';

/** Every namespace; add a new catalog file here (one line) and nowhere else. */
export const catalogs = [common, commands, errors, meetings, video] as const;
