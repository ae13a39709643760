import { describe, expect, it } from '@jest/globals';
import {
  createdDecision,
  given,
  memberId,
  recorded,
  ref,
} from '../domain/meeting-history.fixture.js';
import { foldMeeting } from '../domain/evolve-meeting.js';
import { noMeeting, type MeetingState } from '../domain/meeting-state.js';
import { meetingAggregate } from './meeting-aggregate.js';

const codec = meetingAggregate.snapshot!;
/** Through the snapshot as stored: toJson, JSON text, fromJson. */
const roundTrip = (state: MeetingState) =>
  codec.fromJson(JSON.parse(JSON.stringify(codec.toJson(state))));

describe('meeting snapshot codec', () => {
  it('keeps every field of a meeting, its sets and maps included', () => {
    const state = foldMeeting([
      recorded(createdDecision),
      recorded({ type: 'meeting.started', payload: ref }, { causationId: 'kaltura-job-7' }),
      recorded({
        type: 'meeting.join_link_issued',
        payload: { ...ref, userId: memberId, kalturaRole: 'viewerRole' },
      }),
      recorded({ type: 'meeting.participant_joined', payload: { ...ref, participantId: 'p1' } }),
      recorded({ type: 'meeting.recording_ready', payload: { ...ref, entryId: '0_a' } }),
    ]);
    const back = roundTrip(state);
    expect(back).toEqual(state);
    expect(back.status !== 'none' && back.causations.has('kaltura-job-7')).toBe(true);
    expect(back.status !== 'none' && back.linkRoles.get(memberId)).toBe('viewerRole');
  });

  it('keeps no meeting, and folds on from a restored state as from the original', () => {
    expect(roundTrip(noMeeting)).toEqual(noMeeting);
    const created = given(createdDecision);
    const next = recorded({ type: 'meeting.ended', payload: { ...ref, endedBy: 'kaltura' } });
    expect(meetingAggregate.evolve(roundTrip(created), next, 2)).toEqual(
      meetingAggregate.evolve(created, next, 2),
    );
  });

  it('refuses what is not a meeting snapshot, so the loader folds in full', () => {
    expect(() => codec.fromJson({ status: 'live' })).toThrow();
    expect(() => codec.fromJson(42)).toThrow();
  });
});
