import type { DataSource } from 'typeorm';
import type { MeetingType } from '../domain/meeting-state.js';

export interface ActiveMeeting {
  meetingId: string;
  type: MeetingType;
  title: string;
  ownerUserId: string;
  /** `live` once Kaltura reported the room started. */
  status: 'created' | 'live';
  createdAt: Date;
  startedAt: Date | null;
  participants: number;
  liveParticipants: number;
  /** When a scheduled meeting starts; null for one started at once. */
  scheduledStart: Date | null;
  rsvps: number;
}

export interface MeetingChoice {
  meetingId: string;
  title: string;
  status: 'created' | 'live';
  scheduledStart: Date | null;
}

interface ActiveRow {
  meeting_id: string;
  type: MeetingType;
  title: string;
  owner_user_id: string;
  status: 'created' | 'live';
  created_at: Date;
  started_at: Date | null;
  participants: number;
  live_participants: number;
  scheduled_start: Date | null;
  rsvps: number;
}

const AUTOCOMPLETE_MAX = 25; // Discord's limit on autocomplete choices

/** Read-side queries over `analytics.meetings_live` for `/kaltura-list` and autocomplete. */
export class MeetingQueries {
  constructor(private readonly dataSource: DataSource) {}

  /** A guild's meetings that have not ended, newest first. */
  async listActive(guildId: string, limit = 10): Promise<ActiveMeeting[]> {
    const rows = await this.dataSource.query<ActiveRow[]>(
      `SELECT meeting_id, type, title, owner_user_id, status, created_at, started_at,
              participants, live_participants, scheduled_start, rsvps
       FROM analytics.meetings_live
       WHERE guild_id = $1 AND title IS NOT NULL
       ORDER BY created_at DESC, meeting_id
       LIMIT $2`,
      [guildId, clamp(limit, 100)],
    );
    return rows.map((r) => ({
      meetingId: r.meeting_id,
      type: r.type,
      title: r.title,
      ownerUserId: r.owner_user_id,
      status: r.status,
      createdAt: r.created_at,
      startedAt: r.started_at,
      participants: r.participants,
      liveParticipants: r.live_participants,
      scheduledStart: r.scheduled_start,
      rsvps: r.rsvps,
    }));
  }

  /**
   * Active meetings whose id starts with, or whose title contains, what the member typed
   * (case-insensitive); title-prefix matches first, then newest.
   */
  async searchForAutocomplete(
    guildId: string,
    prefix: string,
    limit = AUTOCOMPLETE_MAX,
    only: 'any' | 'scheduled' = 'any',
  ): Promise<MeetingChoice[]> {
    const typed = escapeLike(prefix.trim().toLowerCase());
    const rows = await this.dataSource.query<
      Array<{
        meeting_id: string;
        title: string;
        status: 'created' | 'live';
        scheduled_start: Date | null;
      }>
    >(
      `SELECT meeting_id, title, status, scheduled_start
       FROM analytics.meetings_live
       WHERE guild_id = $1 AND title IS NOT NULL
         AND (meeting_id LIKE $2 || '%' OR lower(title) LIKE '%' || $2 || '%')
         ${only === 'scheduled' ? "AND scheduled_start IS NOT NULL AND status = 'created'" : ''}
       ORDER BY lower(title) LIKE $2 || '%' DESC, created_at DESC, meeting_id
       LIMIT $3`,
      [guildId, typed, clamp(limit, AUTOCOMPLETE_MAX)],
    );
    return rows.map((r) => ({
      meetingId: r.meeting_id,
      title: r.title,
      status: r.status,
      scheduledStart: r.scheduled_start,
    }));
  }
}

const clamp = (n: number, max: number) => Math.min(Math.max(Math.trunc(n) || 1, 1), max);

/** `%`, `_` and `\` typed by a member are literal characters, not LIKE wildcards. */
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
