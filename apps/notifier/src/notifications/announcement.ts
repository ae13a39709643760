import type { DomainEvent } from '@kd/events';

/** A deleted living message is posted again this often, then left alone. */
export const maxReposts = 1;

export type AnnouncementEvent = DomainEvent<
  'notification.announcement_posted' | 'notification.announcement_deleted'
>;

interface Placed {
  channelId: string;
  messageId: string;
  /** Messages posted in place of a deleted one. */
  reposts: number;
}

/** Where a meeting's living message is, from the events on its announcement subject. */
export type Announcement =
  { status: 'none' } | ({ status: 'posted' } & Placed) | ({ status: 'deleted' } & Placed);

/** The subject's aggregate id: `notification.announcement-<meetingId>`. */
export const announcementId = (meetingId: string): string => `announcement-${meetingId}`;

const isAnnouncementEvent = (event: DomainEvent): event is AnnouncementEvent =>
  event.type === 'notification.announcement_posted' ||
  event.type === 'notification.announcement_deleted';

export function foldAnnouncement(events: readonly DomainEvent[]): Announcement {
  let state: Announcement = { status: 'none' };
  for (const event of events.filter(isAnnouncementEvent)) {
    const { channelId, messageId } = event.payload;
    if (event.type === 'notification.announcement_posted') {
      const reposts: number = state.status === 'none' ? 0 : state.reposts + 1;
      state = { status: 'posted', channelId, messageId, reposts };
    } else if (state.status === 'posted' && state.messageId === messageId) {
      state = { status: 'deleted', channelId, messageId, reposts: state.reposts };
    }
  }
  return state;
}

/** The nonce of the n-th message of a meeting: a crash between posting and recording posts once. */
export const announcementNonceSource = (meetingId: string, reposts: number): string =>
  `${announcementId(meetingId)}-${reposts}`;
