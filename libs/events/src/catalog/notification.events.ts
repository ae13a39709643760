import { z } from 'zod';
import { defineEvent } from '../define-event.js';
import { snowflake } from '../primitives.js';

export const notificationActions = ['posted', 'edited', 'reposted', 'unchanged'] as const;

const byCausation = ({ causationId }: { causationId?: string | undefined }) => causationId;

/** One outcome per causing event: a redelivered event can never be notified twice. */
export const notificationSent = defineEvent({
  type: 'notification.sent',
  version: 1,
  aggregate: 'notification',
  firstOnSubject: true,
  schema: z.object({
    kind: z.string().max(64),
    channelId: snowflake,
    messageId: snowflake,
    /** With a living message: what the event did to the meeting's one message (absent: a post). */
    action: z.enum(notificationActions).optional(),
  }),
  aggregateId: byCausation,
});

export const notificationFailed = defineEvent({
  type: 'notification.failed',
  version: 1,
  aggregate: 'notification',
  firstOnSubject: true,
  schema: z.object({
    kind: z.string().max(64),
    channelId: snowflake,
    attempts: z.number().int().positive(),
    reason: z.string().max(500),
  }),
  aggregateId: byCausation,
});

const byAnnouncement = ({ payload }: { payload: { meetingId: string } }) =>
  `announcement-${payload.meetingId}`;
const announcementMeetingId = z
  .string()
  .max(100)
  .regex(/^[A-Za-z0-9_-]+$/);

/**
 * The living message of a meeting (one per meeting, edited through its lifecycle) was posted.
 * On subject `notification.announcement-<meetingId>`, so a restart or a rebuild finds the message
 * to edit in the log. `replaces`: the message it stands in for after a moderator deleted that one.
 */
export const notificationAnnouncementPosted = defineEvent({
  type: 'notification.announcement_posted',
  version: 1,
  aggregate: 'notification',
  schema: z.object({
    meetingId: announcementMeetingId,
    channelId: snowflake,
    messageId: snowflake,
    replaces: snowflake.nullable(),
  }),
  aggregateId: byAnnouncement,
});

/** Discord answered an edit of the living message with 10008 Unknown Message (it was deleted). */
export const notificationAnnouncementDeleted = defineEvent({
  type: 'notification.announcement_deleted',
  version: 1,
  aggregate: 'notification',
  schema: z.object({
    meetingId: announcementMeetingId,
    channelId: snowflake,
    messageId: snowflake,
  }),
  aggregateId: byAnnouncement,
});
