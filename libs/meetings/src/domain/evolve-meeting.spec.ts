import { describe, expect, it } from '@jest/globals';
import { evolveMeeting, foldMeeting, foldMeetingFrom } from './evolve-meeting.js';
import { immutableFold } from './immutable-fold.fixture.js';
import {
  createdDecision,
  given,
  guildId,
  meetingId,
  memberId,
  ownerId,
  recorded,
  ref,
} from './meeting-history.fixture.js';
import { noMeeting, type MeetingEvent, type MeetingState } from './meeting-state.js';
import { randomHistory } from './random-history.fixture.js';

describe('evolveMeeting', () => {
  it('makes a created meeting from meeting.created, with its guild and time', () => {
    const event = recorded(createdDecision);
    expect(evolveMeeting(noMeeting, event)).toMatchObject({
      status: 'created',
      meetingId,
      guildId,
      ownerUserId: ownerId,
      kalturaResourceId: '10001',
      type: 'meeting',
      title: 'Standup',
      description: null,
      createdAt: event.occurredAt,
      startedAt: null,
      endedAt: null,
    });
  });

  it('ignores a second meeting.created', () => {
    const state = given(createdDecision, { type: 'meeting.started', payload: ref });
    expect(evolveMeeting(state, recorded(createdDecision))).toBe(state);
  });

  it('ignores events before meeting.created', () => {
    expect(evolveMeeting(noMeeting, recorded({ type: 'meeting.started', payload: ref }))).toBe(
      noMeeting,
    );
  });

  it('counts each user who got a join link once', () => {
    const link = (userId: string) =>
      ({
        type: 'meeting.join_link_issued',
        payload: { ...ref, userId, kalturaRole: 'viewerRole' },
      }) as const;
    const state = given(createdDecision, link(memberId), link(memberId), link(ownerId));
    expect(state.status === 'created' && [...state.participants]).toEqual([memberId, ownerId]);
  });

  it('goes live on meeting.started and keeps the first start time', () => {
    const started = recorded({ type: 'meeting.started', payload: ref });
    const state = given(createdDecision, started, { type: 'meeting.started', payload: ref });
    expect(state).toMatchObject({ status: 'live', startedAt: started.occurredAt });
  });

  it('tracks presence from participant events and counts joiners as participants', () => {
    const joined = {
      type: 'meeting.participant_joined',
      payload: { ...ref, participantId: 'p1' },
    } as const;
    const left = {
      type: 'meeting.participant_left',
      payload: { ...ref, participantId: 'p1' },
    } as const;
    const inRoom = given(createdDecision, joined);
    const gone = given(createdDecision, joined, left);
    expect(inRoom.status !== 'none' && [...inRoom.present]).toEqual(['p1']);
    expect(gone.status !== 'none' && [gone.present.size, [...gone.participants]]).toEqual([
      0,
      ['p1'],
    ]);
  });

  it('ends on meeting.ended and keeps the first end', () => {
    const ended = recorded({ type: 'meeting.ended', payload: { ...ref, endedBy: ownerId } });
    const state = given(createdDecision, ended, {
      type: 'meeting.ended',
      payload: { ...ref, endedBy: 'kaltura' },
    });
    expect(state).toMatchObject({ status: 'ended', endedAt: ended.occurredAt, endedBy: ownerId });
  });

  it('does not go live after it ended', () => {
    const state = given(
      createdDecision,
      { type: 'meeting.ended', payload: { ...ref, endedBy: ownerId } },
      { type: 'meeting.started', payload: ref },
    );
    expect(state).toMatchObject({ status: 'ended', startedAt: null });
  });

  it('collects recording entries', () => {
    const state = given(createdDecision, {
      type: 'meeting.recording_ready',
      payload: { ...ref, entryId: '0_a' },
    });
    expect(state).toMatchObject({ recordingEntryIds: ['0_a'] });
  });

  it('remembers the causation ids it acted on', () => {
    const state = foldMeeting([
      recorded(createdDecision),
      recorded({ type: 'meeting.started', payload: ref }, { causationId: 'kaltura-job-7' }),
    ]);
    expect(state.status !== 'none' && state.causations.has('kaltura-job-7')).toBe(true);
  });
});

/** A created meeting and `count` random events (every type, repeated members, causations). */
function history(count: number, seed: number, members: number): MeetingEvent[] {
  const steps = randomHistory(meetingId, count, { seed, members });
  return [
    recorded(createdDecision),
    ...steps.map((s) => recorded(s.decision, s.causationId ? { causationId: s.causationId } : {})),
  ];
}

/** Every collection in iteration order: equal sets in another order would not do. */
function ordered(state: MeetingState) {
  if (state.status === 'none') return state;
  const { participants, linkRoles, present, rsvps, causations, ...rest } = state;
  return {
    ...rest,
    participants: [...participants],
    linkRoles: [...linkRoles],
    present: [...present],
    rsvps: [...rsvps],
    causations: [...causations],
  };
}

describe('folding many events (copy on write)', () => {
  it('folds a long random history exactly as the immutable fold did, order included', () => {
    const events = history(5_000, 7, 300);
    const expected = ordered(immutableFold(events));
    expect(ordered(foldMeeting(events))).toEqual(expected);
    expect(ordered(events.reduce(evolveMeeting, noMeeting))).toEqual(expected);
    // Folded on from any point, as a load from a snapshot does.
    for (const at of [1, 2, 999, 4_000]) {
      const base = foldMeeting(events.slice(0, at));
      expect(ordered(foldMeetingFrom(base, events.slice(at), false))).toEqual(expected);
      expect(
        ordered(foldMeetingFrom(foldMeeting(events.slice(0, at)), events.slice(at), true)),
      ).toEqual(expected);
    }
  });

  it('folds 10,000 participants as the immutable fold did', () => {
    const link = (n: number) =>
      recorded({
        type: 'meeting.join_link_issued',
        payload: {
          meetingId,
          userId: String(400000000000000000n + BigInt(n)),
          kalturaRole: n % 7 ? 'viewerRole' : 'adminRole',
        },
      });
    const links = [recorded(createdDecision), ...Array.from({ length: 10_000 }, (_, n) => link(n))];
    const rest = history(500, 11, 12_000).slice(1);
    // The immutable fold of the 10,000 links is O(n²) (seconds): their state is built directly,
    // checked on its own, and the immutable fold goes on from it.
    const linked = foldMeeting(links);
    if (linked.status === 'none') throw new Error('no meeting');
    const created = immutableFold(links.slice(0, 1));
    expect(ordered(linked)).toEqual({
      ...ordered(created),
      participants: links.slice(1).map((e) => (e.payload as { userId: string }).userId),
      linkRoles: links.slice(1).map((e) => {
        const { userId, kalturaRole } = e.payload as { userId: string; kalturaRole: string };
        return [userId, kalturaRole];
      }),
    });
    const folded = foldMeeting([...links, ...rest]);
    expect(folded.status !== 'none' && folded.participants.size).toBeGreaterThan(10_000);
    expect(ordered(folded)).toEqual(ordered(immutableFold(rest, linked)));
    expect(ordered(foldMeetingFrom(linked, rest, false))).toEqual(ordered(folded));
  });

  it('leaves the state it folds from as it was, unless the caller owns it', () => {
    const events = history(2_000, 3, 100);
    const base = foldMeeting(events.slice(0, 1_000));
    const before = structuredClone(base);
    const after = foldMeetingFrom(base, events.slice(1_000), false);
    expect(base).toEqual(before);
    expect(after).not.toEqual(before);
    for (const event of events.slice(1_000, 1_100)) {
      evolveMeeting(base, event);
      expect(base).toEqual(before);
    }
    const owned = foldMeeting(events.slice(0, 1_000));
    expect(foldMeetingFrom(owned, events.slice(1_000), true)).toBe(owned);
  });

  it('copies only the collections an event changes', () => {
    const state = given(createdDecision, {
      type: 'meeting.join_link_issued',
      payload: { ...ref, userId: memberId, kalturaRole: 'viewerRole' },
    });
    if (state.status === 'none') throw new Error('no meeting');
    const started = evolveMeeting(state, recorded({ type: 'meeting.started', payload: ref }));
    const again = evolveMeeting(
      state,
      recorded({
        type: 'meeting.join_link_issued',
        payload: { ...ref, userId: memberId, kalturaRole: 'viewerRole' },
      }),
    );
    const promoted = evolveMeeting(
      state,
      recorded({
        type: 'meeting.join_link_issued',
        payload: { ...ref, userId: memberId, kalturaRole: 'adminRole' },
      }),
    );
    if (started.status === 'none' || again.status === 'none' || promoted.status === 'none')
      throw new Error('no meeting');
    expect(started.participants).toBe(state.participants);
    expect(started.linkRoles).toBe(state.linkRoles);
    expect([again.participants, again.linkRoles]).toEqual([state.participants, state.linkRoles]);
    expect(again.linkRoles).toBe(state.linkRoles);
    expect(promoted.participants).toBe(state.participants);
    expect(promoted.linkRoles).not.toBe(state.linkRoles);
    expect(promoted.linkRoles.get(memberId)).toBe('adminRole');
    expect(state.linkRoles.get(memberId)).toBe('viewerRole');
  });
});
