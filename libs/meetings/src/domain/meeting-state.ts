import type { DomainEvent, EventType, PayloadOf, meetingTypes } from '@kd/events';

export type MeetingType = (typeof meetingTypes)[number];
export type MeetingEventType = Extract<EventType, `meeting.${string}`>;
export type MeetingEvent = DomainEvent<MeetingEventType>;

/** What a decider wants appended: an event type and its payload (the shell adds the envelope). */
export type MeetingDecision = {
  [T in MeetingEventType]: { type: T; payload: PayloadOf<T> };
}[MeetingEventType];

/** The Kaltura role a join link carries (`adminRole` = moderator, `viewerRole` = attendee). */
export type KalturaRole = 'adminRole' | 'viewerRole';

export interface Meeting {
  status: 'created' | 'live' | 'ended';
  meetingId: string;
  guildId: string | null;
  ownerUserId: string;
  kalturaResourceId: string;
  type: MeetingType;
  title: string;
  description: string | null;
  createdAt: string;
  startedAt: string | null;
  endedAt: string | null;
  endedBy: string | null;
  /** Distinct users who got a join link or joined (DESIGN §4 "meeting participants"). */
  participants: ReadonlySet<string>;
  /** The role of the last join link recorded for each member (one event per member and role). */
  linkRoles: ReadonlyMap<string, string>;
  /** Who is in the room now, as far as Kaltura's participant events tell. */
  present: ReadonlySet<string>;
  recordingEntryIds: readonly string[];
  /** When a scheduled meeting starts (UTC ISO); null for one started at once. */
  scheduledFor: string | null;
  schedule: MeetingSchedule | null;
  /** When it was canceled (a canceled meeting cannot be started or joined); null if not. */
  canceledAt: string | null;
  canceledBy: string | null;
  /** Members interested in the Discord scheduled event. */
  rsvps: ReadonlySet<string>;
  /** The Discord scheduled event mirroring the meeting and where it stands. */
  discordEvent: DiscordEventLink;
  /** Causation ids already acted on: a webhook redelivered after the dedupe window is a no-op. */
  causations: ReadonlySet<string>;
}

export interface MeetingSchedule {
  startsAt: string;
  durationMinutes: number;
  timezone: string;
  scheduledBy: string;
  channelId: string;
}

export type DiscordEventLink =
  | { state: 'none' }
  | { state: 'linked'; discordEventId: string }
  | { state: 'failed'; reason: string }
  | { state: 'deleted'; discordEventId: string };

export type MeetingState = { status: 'none' } | Meeting;

export const noMeeting: MeetingState = { status: 'none' };
