import { common } from './common.js';
import { commands } from './commands.js';
import { config } from './config.js';
import { errors } from './errors.js';
import { meetings } from './meetings.js';
import { notify } from './notify.js';
import { privacy } from './privacy.js';
import { schedule } from './schedule.js';
import { stats } from './stats.js';
import { video } from './video.js';

/** Every namespace; add a new catalog file here (one line) and nowhere else. */
export const catalogs = [
  common,
  commands,
  config,
  errors,
  meetings,
  notify,
  privacy,
  schedule,
  stats,
  video,
] as const;
