import { describe, expect, it } from '@jest/globals';
import {
  createdDecision,
  given,
  meetingId,
  ownerId,
  recorded,
  ref,
} from './meeting-history.fixture.js';
import { noMeeting } from './meeting-state.js';
import {
  decideEndedByKaltura,
  decideParticipant,
  decideRecordingReady,
  decideStarted,
} from './meeting-webhook.decider.js';

const fact = { meetingId, causationId: 'kaltura-job-1' };
const started = { type: 'meeting.started', payload: ref } as const;
const ended = { type: 'meeting.ended', payload: { ...ref, endedBy: ownerId } } as const;
const byJob = (causationId: string, decision: Parameters<typeof recorded>[0]) =>
  recorded(decision, { causationId });

describe('decideStarted', () => {
  it('starts a created meeting', () => {
    expect(decideStarted(fact, given(createdDecision))).toEqual([started]);
  });

  it('decides nothing when the meeting is already live or ended', () => {
    expect(
      decideStarted({ ...fact, causationId: 'other' }, given(createdDecision, started)),
    ).toEqual([]);
    expect(decideStarted(fact, given(createdDecision, ended))).toEqual([]);
  });

  it('decides nothing for a causation it already acted on', () => {
    const joined = {
      type: 'meeting.participant_joined',
      payload: { ...ref, participantId: 'p9' },
    } as const;
    const state = given(createdDecision, byJob('kaltura-job-1', joined));
    expect(state.status).toBe('created');
    expect(decideStarted(fact, state)).toEqual([]);
  });

  it('reports an unknown meeting as not found', () => {
    expect(() => decideStarted(fact, noMeeting)).toThrow(
      expect.objectContaining({ code: 'MEETING.NOT_FOUND' }),
    );
  });
});

describe('decideEndedByKaltura', () => {
  it('ends a created or live meeting as "kaltura"', () => {
    const decision = { type: 'meeting.ended', payload: { meetingId, endedBy: 'kaltura' } };
    expect(decideEndedByKaltura(fact, given(createdDecision))).toEqual([decision]);
    expect(decideEndedByKaltura(fact, given(createdDecision, started))).toEqual([decision]);
  });

  it('decides nothing when it already ended', () => {
    expect(decideEndedByKaltura(fact, given(createdDecision, ended))).toEqual([]);
  });

  it('throws for an unknown meeting', () => {
    expect(() => decideEndedByKaltura(fact, noMeeting)).toThrow('no meeting');
  });
});

describe('decideRecordingReady', () => {
  const ready = (entryId: string) => ({ ...fact, entryId });

  it('records a new recording, also after the end', () => {
    const decision = { type: 'meeting.recording_ready', payload: { meetingId, entryId: '0_a' } };
    expect(decideRecordingReady(ready('0_a'), given(createdDecision, ended))).toEqual([decision]);
  });

  it('records a second, different recording but not the same one twice', () => {
    const state = given(createdDecision, {
      type: 'meeting.recording_ready',
      payload: { ...ref, entryId: '0_a' },
    });
    expect(decideRecordingReady({ ...ready('0_a'), causationId: 'job-2' }, state)).toEqual([]);
    expect(decideRecordingReady({ ...ready('0_b'), causationId: 'job-2' }, state)).toHaveLength(1);
  });

  it('decides nothing for a causation it already acted on', () => {
    const state = given(createdDecision, byJob('kaltura-job-1', started));
    expect(decideRecordingReady(ready('0_c'), state)).toEqual([]);
  });

  it('throws for an unknown meeting', () => {
    expect(() => decideRecordingReady(ready('0_a'), noMeeting)).toThrow('no meeting');
  });
});

describe('decideParticipant', () => {
  const change = (change: 'joined' | 'left', causationId = 'kaltura-job-1') => ({
    ...fact,
    causationId,
    participantId: 'p1',
    change,
  });
  const joined = {
    type: 'meeting.participant_joined',
    payload: { ...ref, participantId: 'p1' },
  } as const;

  it('records a join and a later leave', () => {
    expect(decideParticipant(change('joined'), given(createdDecision))).toEqual([joined]);
    expect(decideParticipant(change('left'), given(createdDecision, joined))).toEqual([
      { type: 'meeting.participant_left', payload: { ...ref, participantId: 'p1' } },
    ]);
  });

  it('decides nothing for a join of someone present or a leave of someone absent', () => {
    expect(decideParticipant(change('joined', 'job-2'), given(createdDecision, joined))).toEqual(
      [],
    );
    expect(decideParticipant(change('left'), given(createdDecision))).toEqual([]);
  });

  it('decides nothing when the same notification comes again after the person left', () => {
    const state = given(createdDecision, byJob('kaltura-job-1', joined), {
      type: 'meeting.participant_left',
      payload: { ...ref, participantId: 'p1' },
    });
    expect(decideParticipant(change('joined'), state)).toEqual([]);
    expect(decideParticipant(change('joined', 'job-3'), state)).toEqual([joined]);
  });

  it('records a late join after the end', () => {
    expect(decideParticipant(change('joined'), given(createdDecision, ended))).toEqual([joined]);
  });

  it('throws for an unknown meeting', () => {
    expect(() => decideParticipant(change('joined'), noMeeting)).toThrow('no meeting');
  });
});
