import { z } from 'zod';
import { configSections, meetingTypes, snowflake } from '@kd/events';

export const guildParams = z.object({ guildId: snowflake });
export const meetingParams = guildParams.extend({ meetingId: z.string().min(1).max(64) });

export const configUpdateBody = z.object({
  key: z
    .string()
    .min(3)
    .max(200)
    .describe('dotted key, e.g. notifications.templates.meeting_start'),
  value: z.unknown().describe('new value; null returns the key to its default'),
});
export const configResetBody = z.object({ section: z.enum(configSections) });

export const createMeetingBody = z.object({
  type: z.enum(meetingTypes),
  title: z.string().trim().min(1).max(200),
  description: z.string().trim().max(1000).optional(),
  ownerUserId: snowflake,
  ownerName: z.string().trim().min(1).max(100),
});
/** The Discord user on whose behalf the integrator ends the meeting (recorded as `endedBy`). */
export const endMeetingBody = z.object({ byUserId: snowflake });
export const joinUrlBody = z.object({
  userId: snowflake,
  displayName: z.string().trim().min(1).max(100),
  kalturaRole: z.enum(['adminRole', 'viewerRole']).default('viewerRole'),
});

export const meetingSummarySchema = z.object({
  meetingId: z.string(),
  guildId: z.string().nullable(),
  type: z.enum(meetingTypes),
  title: z.string(),
  description: z.string().nullable(),
  ownerUserId: z.string(),
  status: z.string(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  participants: z.number(),
});
export const joinUrlResponse = z.object({
  meeting: meetingSummarySchema,
  joinUrl: z.url(),
  kalturaRole: z.string(),
});
export const configViewResponse = z.object({
  guildId: z.string(),
  effective: z.record(z.string(), z.unknown()),
  changedKeys: z.array(z.string()),
  lastSeq: z.number(),
});
