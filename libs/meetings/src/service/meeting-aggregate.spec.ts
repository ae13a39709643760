import { describe, expect, it } from '@jest/globals';
import {
  createdDecision,
  given,
  memberId,
  recorded,
  ref,
} from '../domain/meeting-history.fixture.js';
import { foldMeeting } from '../domain/evolve-meeting.js';
import { noMeeting, type MeetingEvent, type MeetingState } from '../domain/meeting-state.js';
import { randomHistory } from '../domain/random-history.fixture.js';
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
    const v2 = { ...(codec.toJson(given(createdDecision)) as object), links: undefined };
    expect(() => codec.fromJson({ ...v2, participants: [], linkRoles: [] })).toThrow();
  });

  it('keeps 10,000 link recipients and other participants, each id once, and folds on alike', () => {
    const steps = randomHistory(ref.meetingId, 600, { seed: 5, members: 12_000 });
    const events: MeetingEvent[] = [
      recorded(createdDecision),
      ...Array.from({ length: 10_000 }, (_, n) =>
        recorded({
          type: 'meeting.join_link_issued',
          payload: {
            ...ref,
            userId: String(400000000000000000n + BigInt(n)),
            kalturaRole: n % 9 ? 'viewerRole' : 'adminRole',
          },
        }),
      ),
      ...steps.map((s) =>
        recorded(s.decision, s.causationId ? { causationId: s.causationId } : {}),
      ),
    ];
    const state = foldMeeting(events.slice(0, 10_300));
    const json = JSON.stringify(codec.toJson(state));
    const back = codec.fromJson(JSON.parse(json));
    expect(back).toEqual(state);
    if (state.status === 'none') throw new Error('no meeting');
    expect(state.participants.size).toBeGreaterThan(state.linkRoles.size); // joined without a link
    const { links, otherParticipants } = JSON.parse(json) as Record<string, unknown>;
    const kept = JSON.stringify([links, otherParticipants]);
    const written = (id: string) => kept.split(`"${id}"`).length - 1;
    expect([...state.participants].filter((id) => written(id) !== 1)).toEqual([]); // each once
    expect(json.length).toBeLessThan(25 * state.participants.size + 10_000);
    const rest = events.slice(10_300).map((event, i) => ({ event, seq: 10_301 + i }));
    const fold = meetingAggregate.fold!;
    expect(fold(back, rest, true)).toEqual(foldMeeting(events));
    expect(back).not.toEqual(state); // owned: folded in place
    expect(fold(state, rest, false)).toEqual(foldMeeting(events));
    expect(state).toEqual(codec.fromJson(JSON.parse(json))); // not owned: left as it was
  });
});
