import { meetingNotFound } from './meeting-errors.js';
import type { Meeting, MeetingDecision, MeetingState } from './meeting-state.js';

/** A fact reported by Kaltura; `causationId` is the webhook event that carried it. */
export interface WebhookFact {
  meetingId: string;
  causationId: string;
}

export type ParticipantChange = 'joined' | 'left';

/*
 * Webhooks are redelivered (Kaltura retries for hours) and may arrive in any order, so every
 * decider here is idempotent: a fact already recorded, or a causation already acted on, decides
 * nothing. An unknown meeting is an error: the webhook is about a room this install did not create.
 */

export function decideStarted(fact: WebhookFact, state: MeetingState): MeetingDecision[] {
  const meeting = knownMeeting(state, fact);
  if (seen(meeting, fact) || meeting.status !== 'created' || meeting.canceledAt) return [];
  return [{ type: 'meeting.started', payload: { meetingId: meeting.meetingId } }];
}

export function decideEndedByKaltura(fact: WebhookFact, state: MeetingState): MeetingDecision[] {
  const meeting = knownMeeting(state, fact);
  if (seen(meeting, fact) || meeting.status === 'ended') return [];
  return [{ type: 'meeting.ended', payload: { meetingId: meeting.meetingId, endedBy: 'kaltura' } }];
}

export function decideRecordingReady(
  fact: WebhookFact & { entryId: string },
  state: MeetingState,
): MeetingDecision[] {
  const meeting = knownMeeting(state, fact);
  if (seen(meeting, fact) || meeting.recordingEntryIds.includes(fact.entryId)) return [];
  return [
    {
      type: 'meeting.recording_ready',
      payload: { meetingId: meeting.meetingId, entryId: fact.entryId },
    },
  ];
}

/** Joins are recorded even after the end: a late notification still names a participant. */
export function decideParticipant(
  fact: WebhookFact & { participantId: string; change: ParticipantChange },
  state: MeetingState,
): MeetingDecision[] {
  const meeting = knownMeeting(state, fact);
  const isPresent = meeting.present.has(fact.participantId);
  if (seen(meeting, fact) || isPresent === (fact.change === 'joined')) return [];
  const payload = { meetingId: meeting.meetingId, participantId: fact.participantId };
  return fact.change === 'joined'
    ? [{ type: 'meeting.participant_joined', payload }]
    : [{ type: 'meeting.participant_left', payload }];
}

function knownMeeting(state: MeetingState, fact: WebhookFact): Meeting {
  if (state.status === 'none') throw meetingNotFound(fact.meetingId);
  return state;
}

const seen = (meeting: Meeting, fact: WebhookFact) => meeting.causations.has(fact.causationId);
