import { describe, expect, it } from '@jest/globals';
import { evolveMeeting, foldMeeting } from './evolve-meeting.js';
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
import { noMeeting } from './meeting-state.js';

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
