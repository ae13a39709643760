import { describe, expect, it } from '@jest/globals';
import { meeting, ownerId, recorded, meetingId } from './notification.fixture.js';
import type { NotifyingEvent } from './notification-kind.js';
import { placeholderValues } from './placeholder-values.js';

const zwsp = '\u200b';
const values = (event: NotifyingEvent, title = 'Weekly sync', links = {}) =>
  placeholderValues(event, meeting(title), links);

describe('placeholderValues', () => {
  it('escapes the title, so it can neither ping nor format', () => {
    const title = '@everyone <@&123456789012345678> **now**';
    const { title: value } = values(recorded('meeting.started', { meetingId }), title);
    expect(value).toBe(`@${zwsp}everyone <${zwsp}@${zwsp}&123456789012345678\\> \\*\\*now\\*\\*`);
  });

  it('fills a start with the host mention and the command that gives a personal join link', () => {
    expect(values(recorded('meeting.started', { meetingId }))).toEqual({
      title: 'Weekly sync',
      meetingId,
      meetingType: 'meeting',
      startedBy: `<@${ownerId}>`,
      joinUrl: `\`/kaltura-join meeting-id:${meetingId}\``,
    });
  });

  it('fills an end with who ended it and how long the meeting ran', () => {
    const started = recorded('meeting.started', { meetingId }, '2025-11-20T10:05:00.000Z');
    const ended = recorded(
      'meeting.ended',
      { meetingId, endedBy: 'kaltura' },
      '2025-11-20T11:17:00.000Z',
    );
    const result = placeholderValues(ended, meeting('Weekly sync', [started]), {});
    expect(result).toMatchObject({ endedBy: 'Kaltura', duration: '1 h 12 min' });
    const byUser = recorded('meeting.ended', { meetingId, endedBy: ownerId });
    expect(values(byUser).endedBy).toBe(`<@${ownerId}>`);
  });

  it('counts the duration of a meeting never reported live from its creation', () => {
    const ended = recorded(
      'meeting.ended',
      { meetingId, endedBy: ownerId },
      '2025-11-20T10:45:00.000Z',
    );
    expect(values(ended).duration).toBe('45 min');
  });

  it('links a recording through the configured URL template, encoding the entry id', () => {
    const event = recorded('meeting.recording_ready', { meetingId, entryId: '1_a b' });
    const links = { recordingUrl: 'https://videos.example.org/media/t/{entryId}' };
    expect(values(event, 'x', links)).toMatchObject({
      recordingUrl: 'https://videos.example.org/media/t/1_a%20b',
      entryId: '1\\_a b',
    });
    expect(values(event).recordingUrl).toBe('1\\_a b');
  });

  it('mentions a participant known by Discord id and escapes any other name', () => {
    const known = recorded('meeting.participant_joined', { meetingId, participantId: ownerId });
    expect(values(known).participant).toBe(`<@${ownerId}>`);
    const other = recorded('meeting.participant_left', { meetingId, participantId: '@here' });
    expect(values(other).participant).toBe(`@${zwsp}here`);
  });
});
