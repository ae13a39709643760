import { describe, expect, it } from '@jest/globals';
import { decideJoin } from './meeting-command.decider.js';
import { foldMeeting } from './evolve-meeting.js';
import {
  createdDecision,
  guildId,
  meetingId,
  memberId,
  ownerId,
  recorded,
} from './meeting-history.fixture.js';
import { decideCancel, decideDiscordEventFact } from './meeting-schedule.decider.js';
import type { MeetingDecision } from './meeting-state.js';

const discordEventId = '423456789012345678';
const schedule: MeetingDecision = {
  type: 'meeting.scheduled',
  payload: {
    meetingId,
    startsAt: '2026-12-28T00:00:00.000Z',
    durationMinutes: 60,
    timezone: 'UTC',
    scheduledBy: ownerId,
    channelId: '523456789012345678',
  },
};
const history = (...decisions: MeetingDecision[]) =>
  foldMeeting([createdDecision, schedule, ...decisions].map((d) => recorded(d)));
const cancel = { meetingId, guildId, byUserId: memberId, canCancelOthers: false };

describe('scheduling decisions', () => {
  it('folds the schedule: scheduledFor, RSVPs and the linked Discord event', () => {
    const linked = {
      type: 'meeting.discord_event_linked',
      payload: { meetingId, discordEventId },
    } as const;
    const rsvp = { meetingId, userId: memberId, discordEventId };
    const state = history(linked, { type: 'meeting.rsvp_added', payload: rsvp });
    expect(state).toEqual(
      expect.objectContaining({
        scheduledFor: '2026-12-28T00:00:00.000Z',
        discordEvent: { state: 'linked', discordEventId },
      }),
    );
    if (state.status === 'none') throw new Error('no meeting');
    expect([...state.rsvps]).toEqual([memberId]);
  });

  it('lets the host or a member with Manage Events cancel a meeting that has not started, once', () => {
    expect(() => decideCancel(cancel, history())).toThrow(
      expect.objectContaining({ code: 'MEETING.CANCEL_FORBIDDEN' }),
    );
    expect(decideCancel({ ...cancel, canCancelOthers: true }, history())).toEqual([
      { type: 'meeting.canceled', payload: { meetingId, canceledBy: memberId } },
    ]);
    const canceled = history({
      type: 'meeting.canceled',
      payload: { meetingId, canceledBy: ownerId },
    });
    expect(() => decideCancel({ ...cancel, byUserId: ownerId }, canceled)).toThrow(
      expect.objectContaining({ code: 'MEETING.CANCELED' }),
    );
    const live = history({ type: 'meeting.started', payload: { meetingId } });
    expect(() => decideCancel({ ...cancel, byUserId: ownerId }, live)).toThrow(
      expect.objectContaining({ code: 'MEETING.ALREADY_STARTED' }),
    );
  });

  it('refuses a join link for a canceled meeting', () => {
    const canceled = history({
      type: 'meeting.canceled',
      payload: { meetingId, canceledBy: ownerId },
    });
    const join = { meetingId, guildId, userId: memberId, kalturaRole: 'viewerRole' as const };
    expect(() => decideJoin(join, canceled)).toThrow(
      expect.objectContaining({ code: 'MEETING.CANCELED' }),
    );
  });

  it('records each Discord fact once and ignores facts about another Discord event', () => {
    const linked = { kind: 'linked', discordEventId } as const;
    expect(decideDiscordEventFact(linked, history())).toHaveLength(1);
    const state = history({
      type: 'meeting.discord_event_linked',
      payload: { meetingId, discordEventId },
    });
    expect(decideDiscordEventFact(linked, state)).toEqual([]);
    const add = { kind: 'rsvp_added', discordEventId, userId: memberId } as const;
    expect(decideDiscordEventFact(add, state)).toEqual([
      { type: 'meeting.rsvp_added', payload: { meetingId, userId: memberId, discordEventId } },
    ]);
    expect(decideDiscordEventFact({ ...add, discordEventId: '999999999999999999' }, state)).toEqual(
      [],
    );
    expect(
      decideDiscordEventFact({ kind: 'rsvp_removed', discordEventId, userId: memberId }, state),
    ).toEqual([]);
    expect(decideDiscordEventFact({ kind: 'failed', reason: 'x' }, state)).toEqual([]);
    expect(decideDiscordEventFact({ kind: 'deleted', discordEventId }, state)).toHaveLength(1);
  });
});
