import { describe, expect, it } from '@jest/globals';
import type { KdError } from '@kd/events';
import { decideCreate, decideEnd, decideJoin } from './meeting-command.decider.js';
import {
  createdDecision,
  given,
  guildId,
  meetingId,
  memberId,
  ownerId,
  ref,
} from './meeting-history.fixture.js';
import { noMeeting } from './meeting-state.js';

const otherGuild = '923456789012345678';
const ended = { type: 'meeting.ended', payload: { ...ref, endedBy: ownerId } } as const;

function errorOf(fn: () => unknown): Pick<KdError, 'code' | 'category'> {
  try {
    fn();
  } catch (error) {
    const { code, category } = error as KdError;
    return { code, category };
  }
  throw new Error('expected an error');
}

describe('decideCreate', () => {
  const cmd = { ...createdDecision.payload, guildId };

  it('creates a new meeting with the v2 payload (description included)', () => {
    expect(decideCreate({ ...cmd, description: 'daily' }, noMeeting)).toEqual([
      { type: 'meeting.created', payload: { ...createdDecision.payload, description: 'daily' } },
    ]);
  });

  it('refuses an id that is taken', () => {
    expect(errorOf(() => decideCreate(cmd, given(createdDecision)))).toEqual({
      code: 'MEETING.ALREADY_EXISTS',
      category: 'conflict',
    });
  });
});

describe('decideJoin', () => {
  const join = { meetingId, guildId, userId: memberId, kalturaRole: 'viewerRole' } as const;

  it('issues a link with the role the member maps to', () => {
    expect(decideJoin(join, given(createdDecision))).toEqual({
      kalturaRole: 'viewerRole',
      decisions: [
        {
          type: 'meeting.join_link_issued',
          payload: { meetingId, userId: memberId, kalturaRole: 'viewerRole' },
        },
      ],
    });
    const admin = decideJoin({ ...join, kalturaRole: 'adminRole' }, given(createdDecision));
    expect(admin.decisions[0]?.payload.kalturaRole).toBe('adminRole');
  });

  it('always makes the owner a moderator', () => {
    const { kalturaRole } = decideJoin({ ...join, userId: ownerId }, given(createdDecision));
    expect(kalturaRole).toBe('adminRole');
  });

  it('issues links for live meetings', () => {
    expect(
      decideJoin(join, given(createdDecision, { type: 'meeting.started', payload: ref })).decisions,
    ).toHaveLength(1);
  });

  it('records a member once per role however often they ask, and again when the role changes', () => {
    const issued = {
      type: 'meeting.join_link_issued',
      payload: { ...ref, userId: memberId, kalturaRole: 'viewerRole' },
    } as const;
    const again = decideJoin(join, given(createdDecision, issued));
    expect(again).toEqual({ kalturaRole: 'viewerRole', decisions: [] });
    const promoted = decideJoin(
      { ...join, kalturaRole: 'adminRole' },
      given(createdDecision, issued),
    );
    expect(promoted.decisions).toHaveLength(1);
  });

  it('refuses an ended meeting with MEETING.ENDED', () => {
    expect(errorOf(() => decideJoin(join, given(createdDecision, ended)))).toEqual({
      code: 'MEETING.ENDED',
      category: 'conflict',
    });
  });

  it('reports an unknown meeting, and one of another guild, as not found', () => {
    const notFound = { code: 'MEETING.NOT_FOUND', category: 'not_found' };
    expect(errorOf(() => decideJoin(join, noMeeting))).toEqual(notFound);
    expect(
      errorOf(() => decideJoin({ ...join, guildId: otherGuild }, given(createdDecision))),
    ).toEqual(notFound);
  });
});

describe('decideEnd', () => {
  const end = { meetingId, guildId, byUserId: ownerId, canEndOthers: false };

  it('lets the owner end the meeting', () => {
    expect(decideEnd(end, given(createdDecision))).toEqual([
      { type: 'meeting.ended', payload: { meetingId, endedBy: ownerId } },
    ]);
  });

  it('lets a member who may end others end it, as themselves', () => {
    const [decision] = decideEnd(
      { ...end, byUserId: memberId, canEndOthers: true },
      given(createdDecision),
    );
    expect(decision).toEqual({ type: 'meeting.ended', payload: { meetingId, endedBy: memberId } });
  });

  it('denies anyone else', () => {
    expect(
      errorOf(() => decideEnd({ ...end, byUserId: memberId }, given(createdDecision))),
    ).toEqual({
      code: 'MEETING.END_FORBIDDEN',
      category: 'permission',
    });
  });

  it('refuses to end an ended meeting', () => {
    expect(errorOf(() => decideEnd(end, given(createdDecision, ended)))).toEqual({
      code: 'MEETING.ALREADY_ENDED',
      category: 'conflict',
    });
  });

  it('reports an unknown meeting, and one of another guild, as not found', () => {
    expect(errorOf(() => decideEnd(end, noMeeting)).code).toBe('MEETING.NOT_FOUND');
    expect(
      errorOf(() => decideEnd({ ...end, guildId: otherGuild }, given(createdDecision))).code,
    ).toBe('MEETING.NOT_FOUND');
  });
});
