import type { History, MeetingState } from '../history/history.types.js';
import type { MeetingRow } from '@kd/analytics';
import { msToIso } from '../time/utc-time.js';

const isoOrNull = (ms: number | null) => (ms === null ? null : msToIso(ms));

/** Seconds from the start (or, never started, the creation) to the end; never negative. */
function durationSeconds(m: MeetingState): number | null {
  if (m.endedAt === null) return null;
  return Math.max(0, (m.endedAt - (m.startedAt ?? m.createdAt)) / 1000);
}

export function meetingsTable(history: History): MeetingRow[] {
  return [...history.meetings.values()]
    .sort((a, b) => a.createdAt - b.createdAt || (a.meetingId < b.meetingId ? -1 : 1))
    .map((m) => ({
      meeting_id: m.meetingId,
      guild_id: m.guildId,
      type: m.type,
      owner_user_id: m.ownerUserId,
      created_at: msToIso(m.createdAt),
      started_at: isoOrNull(m.startedAt),
      ended_at: isoOrNull(m.endedAt),
      duration_seconds: durationSeconds(m),
      participants: m.participants.size,
    }));
}
