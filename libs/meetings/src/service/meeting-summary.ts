import type { Meeting, MeetingType } from '../domain/meeting-state.js';

/** What callers (Discord replies, the REST API) show about a meeting. */
export interface MeetingSummary {
  meetingId: string;
  guildId: string | null;
  type: MeetingType;
  title: string;
  description: string | null;
  ownerUserId: string;
  kalturaResourceId: string;
  status: Meeting['status'];
  createdAt: string;
  startedAt: string | null;
  endedAt: string | null;
  endedBy: string | null;
  participants: number;
  recordingEntryIds: readonly string[];
  /** When a scheduled meeting starts (UTC ISO); null for one started at once. */
  scheduledFor: string | null;
  durationMinutes: number | null;
  /** The channel it was scheduled from (where reminders go unless the guild says otherwise). */
  channelId: string | null;
  canceled: boolean;
  /** Members interested in its Discord scheduled event. */
  rsvps: number;
  discordEventId: string | null;
}

export function summarize(m: Meeting): MeetingSummary {
  return {
    meetingId: m.meetingId,
    guildId: m.guildId,
    type: m.type,
    title: m.title,
    description: m.description,
    ownerUserId: m.ownerUserId,
    kalturaResourceId: m.kalturaResourceId,
    status: m.status,
    createdAt: m.createdAt,
    startedAt: m.startedAt,
    endedAt: m.endedAt,
    endedBy: m.endedBy,
    participants: m.participants.size,
    recordingEntryIds: m.recordingEntryIds,
    scheduledFor: m.scheduledFor,
    durationMinutes: m.schedule?.durationMinutes ?? null,
    channelId: m.schedule?.channelId ?? null,
    canceled: m.canceledAt !== null,
    rsvps: m.rsvps.size,
    discordEventId: m.discordEvent.state === 'linked' ? m.discordEvent.discordEventId : null,
  };
}
