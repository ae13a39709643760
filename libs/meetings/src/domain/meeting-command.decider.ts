import {
  meetingAlreadyEnded,
  meetingAlreadyExists,
  meetingCanceled,
  meetingEndForbidden,
  meetingEnded,
  meetingNotFound,
} from './meeting-errors.js';
import type {
  KalturaRole,
  Meeting,
  MeetingDecision,
  MeetingSchedule,
  MeetingState,
  MeetingType,
} from './meeting-state.js';

export interface CreateMeetingCommand {
  meetingId: string;
  guildId: string;
  ownerUserId: string;
  kalturaResourceId: string;
  type: MeetingType;
  title: string;
  description: string | null;
  /** A meeting for later (`/kaltura-schedule`): recorded as `meeting.scheduled` right after. */
  schedule?: MeetingSchedule | undefined;
}

export interface JoinMeetingCommand {
  meetingId: string;
  guildId: string;
  userId: string;
  /** The role the member's Discord roles map to; the owner always moderates. */
  kalturaRole: KalturaRole;
}

export interface EndMeetingCommand {
  meetingId: string;
  guildId: string;
  byUserId: string;
  /** The member may end meetings they do not own (a guild permission, decided by the caller). */
  canEndOthers: boolean;
}

export function decideCreate(cmd: CreateMeetingCommand, state: MeetingState): MeetingDecision[] {
  if (state.status !== 'none') throw meetingAlreadyExists(cmd.meetingId);
  const { meetingId, kalturaResourceId, type, title, ownerUserId, description } = cmd;
  const created: MeetingDecision = {
    type: 'meeting.created',
    payload: { meetingId, kalturaResourceId, type, title, ownerUserId, description },
  };
  if (!cmd.schedule) return [created];
  return [created, { type: 'meeting.scheduled', payload: { meetingId, ...cmd.schedule } }];
}

export type JoinLinkDecision = Extract<MeetingDecision, { type: 'meeting.join_link_issued' }>;

export interface JoinDecision {
  /** The role the link carries. */
  kalturaRole: KalturaRole;
  /** What to append: nothing when this member already has a link with this role. */
  decisions: JoinLinkDecision[];
}

/**
 * The owner always joins as moderator; anyone else with the role their Discord roles map to.
 * Only a member's first link (or one with a new role) is recorded: pressing Join a thousand times
 * must not grow the meeting's history, and participants are distinct users anyway (DESIGN §4).
 */
export function decideJoin(cmd: JoinMeetingCommand, state: MeetingState): JoinDecision {
  const meeting = meetingInGuild(state, cmd);
  if (meeting.canceledAt) throw meetingCanceled(meeting.meetingId);
  if (meeting.status === 'ended') throw meetingEnded(meeting.meetingId);
  const kalturaRole = meeting.ownerUserId === cmd.userId ? 'adminRole' : cmd.kalturaRole;
  if (meeting.linkRoles.get(cmd.userId) === kalturaRole) return { kalturaRole, decisions: [] };
  const payload = { meetingId: meeting.meetingId, userId: cmd.userId, kalturaRole };
  return { kalturaRole, decisions: [{ type: 'meeting.join_link_issued', payload }] };
}

export function decideEnd(cmd: EndMeetingCommand, state: MeetingState): MeetingDecision[] {
  const meeting = meetingInGuild(state, cmd);
  if (meeting.ownerUserId !== cmd.byUserId && !cmd.canEndOthers)
    throw meetingEndForbidden(meeting.meetingId);
  if (meeting.canceledAt) throw meetingCanceled(meeting.meetingId);
  if (meeting.status === 'ended') throw meetingAlreadyEnded(meeting.meetingId);
  return [
    { type: 'meeting.ended', payload: { meetingId: meeting.meetingId, endedBy: cmd.byUserId } },
  ];
}

/** A meeting of another guild is reported exactly like an unknown one. */
function meetingInGuild(state: MeetingState, cmd: { meetingId: string; guildId: string }): Meeting {
  if (state.status === 'none' || state.guildId !== cmd.guildId)
    throw meetingNotFound(cmd.meetingId);
  return state;
}
