import { describe, expect, it } from '@jest/globals';
import { newEvent, prepareForAppend, type DomainEvent } from '@kd/events';
import { foldAnnouncement } from './announcement.js';
import { channelId, guildId, meetingId } from './notification.fixture.js';

const first = '923456789012345001';
const second = '923456789012345002';
const context = { actor: { kind: 'system' as const, id: 'notifier' }, correlationId: 'c', guildId };
const at = new Date('2025-11-20T10:00:00.000Z');
const posted = (messageId: string, replaces: string | null = null): DomainEvent =>
  prepareForAppend(
    newEvent(
      'notification.announcement_posted',
      { meetingId, channelId, messageId, replaces },
      context,
    ),
    at,
  );
const deleted = (messageId: string): DomainEvent =>
  prepareForAppend(
    newEvent('notification.announcement_deleted', { meetingId, channelId, messageId }, context),
    at,
  );

describe('foldAnnouncement', () => {
  it('knows no message before one was posted', () => {
    expect(foldAnnouncement([])).toEqual({ status: 'none' });
  });

  it('follows a message through its deletion and the one repost', () => {
    expect(foldAnnouncement([posted(first)])).toEqual({
      status: 'posted',
      channelId,
      messageId: first,
      reposts: 0,
    });
    expect(foldAnnouncement([posted(first), deleted(first)])).toMatchObject({
      status: 'deleted',
      messageId: first,
    });
    const history = [posted(first), deleted(first), posted(second, first)];
    expect(foldAnnouncement(history)).toMatchObject({
      status: 'posted',
      messageId: second,
      reposts: 1,
    });
    expect(foldAnnouncement([...history, deleted(second)])).toMatchObject({
      status: 'deleted',
      reposts: 1,
    });
  });

  it('ignores the deletion of a message it already replaced', () => {
    const history = [posted(first), deleted(first), posted(second, first), deleted(first)];
    expect(foldAnnouncement(history)).toMatchObject({ status: 'posted', messageId: second });
  });
});
