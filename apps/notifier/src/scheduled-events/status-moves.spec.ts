import { describe, expect, it } from '@jest/globals';
import { GuildScheduledEventStatus } from '@kd/discord';
import { foldMeeting, type MeetingEvent } from '@kd/meetings';
import { statusMoves, targetStatus } from './status-moves.js';

const { Scheduled, Active, Completed, Canceled } = GuildScheduledEventStatus;

const envelope = {
  guildId: '200000000000000001',
  actor: { kind: 'user', id: '1' },
  correlationId: 'c',
  version: 1,
  recordedAt: '2026-12-01T10:00:00.000Z',
};
let n = 0;
const event = (type: string, payload: Record<string, unknown>) =>
  ({
    ...envelope,
    id: `e${n++}`,
    type,
    occurredAt: '2026-12-01T10:00:00.000Z',
    payload: { meetingId: 'm0000000001', ...payload },
  }) as unknown as MeetingEvent;

const created = event('meeting.created', {
  kalturaResourceId: 'r1',
  type: 'meeting',
  title: 'Standup',
  ownerUserId: '300000000000000001',
  description: null,
});

describe('the Discord event status a meeting asks for', () => {
  it('follows the meeting: live → Active, ended → Completed, canceled → Canceled', () => {
    expect(targetStatus(foldMeeting([created]))).toBeUndefined();
    expect(targetStatus(foldMeeting([created, event('meeting.started', {})]))).toBe(Active);
    const ended = foldMeeting([
      created,
      event('meeting.started', {}),
      event('meeting.ended', { endedBy: 'kaltura' }),
    ]);
    expect(targetStatus(ended)).toBe(Completed);
    const canceled = foldMeeting([
      created,
      event('meeting.canceled', { canceledBy: '300000000000000001' }),
    ]);
    expect(targetStatus(canceled)).toBe(Canceled);
  });

  it('moves only forward, through Active to Completed, and never reopens', () => {
    expect(statusMoves(Scheduled, Active)).toEqual([Active]);
    expect(statusMoves(Scheduled, Completed)).toEqual([Active, Completed]);
    expect(statusMoves(Active, Completed)).toEqual([Completed]);
    expect(statusMoves(Scheduled, Canceled)).toEqual([Canceled]);
    expect(statusMoves(Active, Active)).toEqual([]);
    expect(statusMoves(Completed, Active)).toEqual([]);
    expect(statusMoves(Canceled, Completed)).toEqual([]);
  });
});
