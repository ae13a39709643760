import { z } from 'zod';
import { defineEvent } from '../define-event.js';
import { personal } from '../personal/personal-field.js';
import { snowflake, subjectToken } from '../primitives.js';

export const meetingTypes = ['meeting', 'webinar', 'classroom'] as const;

const byMeeting = ({ payload }: { payload: { meetingId: string } }) => payload.meetingId;
const meetingRef = z.object({ meetingId: subjectToken });

const meetingCreatedV1 = z.object({
  meetingId: subjectToken,
  kalturaResourceId: z.string().min(1).max(64),
  type: z.enum(meetingTypes),
  title: z.string().min(1).max(200),
  ownerUserId: personal(snowflake),
});

/** v2 carries the optional description given to `/kaltura-start` (v1 dropped it). */
export const meetingCreated = defineEvent({
  type: 'meeting.created',
  version: 2,
  aggregate: 'meeting',
  schema: meetingCreatedV1.extend({ description: z.string().max(1000).nullable() }),
  aggregateId: byMeeting,
  upcasters: [
    {
      fromVersion: 1,
      schema: meetingCreatedV1,
      up: (v1: z.output<typeof meetingCreatedV1>) => ({ ...v1, description: null }),
    },
  ],
});

export const meetingJoinLinkIssued = defineEvent({
  type: 'meeting.join_link_issued',
  version: 1,
  aggregate: 'meeting',
  schema: meetingRef.extend({
    userId: personal(snowflake),
    kalturaRole: z.string().min(1).max(64),
  }),
  aggregateId: byMeeting,
});

export const meetingStarted = defineEvent({
  type: 'meeting.started',
  version: 1,
  aggregate: 'meeting',
  schema: meetingRef,
  aggregateId: byMeeting,
});

const participant = meetingRef.extend({ participantId: personal(z.string().min(1).max(128)) });

export const meetingParticipantJoined = defineEvent({
  type: 'meeting.participant_joined',
  version: 1,
  aggregate: 'meeting',
  schema: participant,
  aggregateId: byMeeting,
});

export const meetingParticipantLeft = defineEvent({
  type: 'meeting.participant_left',
  version: 1,
  aggregate: 'meeting',
  schema: participant,
  aggregateId: byMeeting,
});

export const meetingEnded = defineEvent({
  type: 'meeting.ended',
  version: 1,
  aggregate: 'meeting',
  schema: meetingRef.extend({ endedBy: personal(z.string().min(1).max(64)) }),
  aggregateId: byMeeting,
});

export const meetingRecordingReady = defineEvent({
  type: 'meeting.recording_ready',
  version: 1,
  aggregate: 'meeting',
  schema: meetingRef.extend({ entryId: z.string().min(1).max(64) }),
  aggregateId: byMeeting,
});
