import { z } from 'zod';
import { defineEvent } from '../define-event.js';
import { personal } from '../personal/personal-field.js';
import { isoUtc, snowflake, subjectToken } from '../primitives.js';

const byMeeting = ({ payload }: { payload: { meetingId: string } }) => payload.meetingId;
const meetingRef = z.object({ meetingId: subjectToken });

/** Longest meeting `/kaltura-schedule` accepts (24 h). */
export const maxScheduledMinutes = 24 * 60;

/** A meeting created ahead of time: when it starts, for how long, in which zone it was typed. */
export const meetingScheduled = defineEvent({
  type: 'meeting.scheduled',
  version: 1,
  aggregate: 'meeting',
  schema: meetingRef.extend({
    startsAt: isoUtc,
    durationMinutes: z.number().int().positive().max(maxScheduledMinutes),
    timezone: z.string().min(1).max(64),
    scheduledBy: personal(snowflake),
    channelId: snowflake,
  }),
  aggregateId: byMeeting,
});

export const meetingCanceled = defineEvent({
  type: 'meeting.canceled',
  version: 1,
  aggregate: 'meeting',
  schema: meetingRef.extend({ canceledBy: personal(snowflake), reason: z.string().max(500).optional() }),
  aggregateId: byMeeting,
});

const discordEventId = snowflake;

/** The Discord guild scheduled event that mirrors the meeting. */
export const meetingDiscordEventLinked = defineEvent({
  type: 'meeting.discord_event_linked',
  version: 1,
  aggregate: 'meeting',
  schema: meetingRef.extend({ discordEventId }),
  aggregateId: byMeeting,
});

/** Discord refused the scheduled event (typically no Manage Events permission); the meeting stays. */
export const meetingDiscordEventFailed = defineEvent({
  type: 'meeting.discord_event_failed',
  version: 1,
  aggregate: 'meeting',
  schema: meetingRef.extend({ reason: z.string().min(1).max(500) }),
  aggregateId: byMeeting,
});

/** The Discord event is gone (a moderator deleted it); the meeting stays. */
export const meetingDiscordEventDeleted = defineEvent({
  type: 'meeting.discord_event_deleted',
  version: 1,
  aggregate: 'meeting',
  schema: meetingRef.extend({ discordEventId }),
  aggregateId: byMeeting,
});

const rsvp = meetingRef.extend({ userId: personal(snowflake), discordEventId });

export const meetingRsvpAdded = defineEvent({
  type: 'meeting.rsvp_added',
  version: 1,
  aggregate: 'meeting',
  schema: rsvp,
  aggregateId: byMeeting,
});

export const meetingRsvpRemoved = defineEvent({
  type: 'meeting.rsvp_removed',
  version: 1,
  aggregate: 'meeting',
  schema: rsvp,
  aggregateId: byMeeting,
});
