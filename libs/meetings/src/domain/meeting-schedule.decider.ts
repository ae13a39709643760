import {
  meetingAlreadyStarted,
  meetingCancelForbidden,
  meetingCanceled,
  meetingNotFound,
} from './meeting-errors.js';
import type { Meeting, MeetingDecision, MeetingState } from './meeting-state.js';

export interface CancelMeetingCommand {
  meetingId: string;
  guildId: string;
  byUserId: string;
  /** The member may cancel meetings they do not host (Manage Events or Administrator). */
  canCancelOthers: boolean;
  reason?: string | undefined;
}

/** Only a meeting that has not started (nor ended) can be canceled; canceling twice is an error. */
export function decideCancel(cmd: CancelMeetingCommand, state: MeetingState): MeetingDecision[] {
  if (state.status === 'none' || state.guildId !== cmd.guildId)
    throw meetingNotFound(cmd.meetingId);
  if (state.ownerUserId !== cmd.byUserId && !cmd.canCancelOthers)
    throw meetingCancelForbidden(state.meetingId);
  if (state.canceledAt) throw meetingCanceled(state.meetingId);
  if (state.status !== 'created') throw meetingAlreadyStarted(state.meetingId);
  const payload = {
    meetingId: state.meetingId,
    canceledBy: cmd.byUserId,
    ...(cmd.reason ? { reason: cmd.reason } : {}),
  };
  return [{ type: 'meeting.canceled', payload }];
}

/** What Discord answered about the meeting's scheduled event (or told the gateway later). */
export type DiscordEventFact =
  | { kind: 'linked'; discordEventId: string }
  | { kind: 'failed'; reason: string }
  | { kind: 'deleted'; discordEventId: string }
  | { kind: 'rsvp_added' | 'rsvp_removed'; discordEventId: string; userId: string };

/**
 * Idempotent: a fact already reflected in the state decides nothing, so a redelivered gateway
 * event or a retried sync never records twice. Facts about another Discord event are ignored.
 */
export function decideDiscordEventFact(
  fact: DiscordEventFact,
  state: MeetingState,
): MeetingDecision[] {
  if (state.status === 'none') return [];
  const { meetingId } = state;
  switch (fact.kind) {
    case 'linked':
      return state.discordEvent.state === 'none' || state.discordEvent.state === 'failed'
        ? [
            {
              type: 'meeting.discord_event_linked',
              payload: { meetingId, discordEventId: fact.discordEventId },
            },
          ]
        : [];
    case 'failed':
      return state.discordEvent.state === 'none'
        ? [{ type: 'meeting.discord_event_failed', payload: { meetingId, reason: fact.reason } }]
        : [];
    case 'deleted':
      return isLinkedTo(state, fact.discordEventId)
        ? [
            {
              type: 'meeting.discord_event_deleted',
              payload: { meetingId, discordEventId: fact.discordEventId },
            },
          ]
        : [];
    case 'rsvp_added':
    case 'rsvp_removed':
      return decideRsvp(state, fact);
    default: {
      const unhandled: never = fact;
      return unhandled;
    }
  }
}

function decideRsvp(
  m: Meeting,
  fact: Extract<DiscordEventFact, { kind: 'rsvp_added' | 'rsvp_removed' }>,
): MeetingDecision[] {
  if (!isLinkedTo(m, fact.discordEventId)) return [];
  const adding = fact.kind === 'rsvp_added';
  if (m.rsvps.has(fact.userId) === adding) return [];
  const payload = {
    meetingId: m.meetingId,
    userId: fact.userId,
    discordEventId: fact.discordEventId,
  };
  return adding
    ? [{ type: 'meeting.rsvp_added', payload }]
    : [{ type: 'meeting.rsvp_removed', payload }];
}

const isLinkedTo = (m: Meeting, discordEventId: string) =>
  m.discordEvent.state === 'linked' && m.discordEvent.discordEventId === discordEventId;
