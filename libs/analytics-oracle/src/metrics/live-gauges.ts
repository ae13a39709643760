import type { History } from '../history/history.types.js';
import type { LiveGauges } from '@kd/analytics';
import { DAY_MS } from '../time/utc-time.js';
import { installedGuilds } from './command-window.js';

/** A meeting is live when started, not ended, and started less than 24 hours before `now`. */
const LIVE_MAX_AGE_MS = DAY_MS;

export function liveGauges(history: History): LiveGauges {
  const live = [...history.meetings.values()].filter(
    (m) =>
      m.startedAt !== null &&
      m.endedAt === null &&
      m.startedAt > history.clock.nowMs - LIVE_MAX_AGE_MS,
  );
  const present = live.reduce((sum, m) => sum + [...m.present.values()].filter(Boolean).length, 0);
  return {
    installed_guilds: installedGuilds(history).length,
    meetings_live: live.length,
    meeting_participants_live: present,
  };
}
