import { z } from 'zod';
import {
  KdError,
  isoUtc,
  maxScheduledMinutes,
  meetingTypes,
  snowflake,
  toSchemaIssues,
} from '@kd/events';
import { displayNameOf } from '../people/display-name.js';

const correlationId = z.string().min(1).max(128);
/** Shown in the room and sent to Kaltura: cleaned and capped, never refused (docs/people.md). */
const personName = z
  .string()
  .max(4000)
  .transform((name) => displayNameOf({ username: name }));

export const createMeetingInputSchema = z.object({
  guildId: snowflake,
  ownerUserId: snowflake,
  /** Shown in the room; Kaltura's `firstName` privilege. */
  ownerName: personName,
  type: z.enum(meetingTypes),
  title: z.string().trim().min(1).max(200),
  description: z
    .string()
    .trim()
    .max(1000)
    .nullish()
    .transform((d) => (d ? d : null)),
  correlationId,
  interactionId: snowflake.optional(),
  /** `/kaltura-schedule`: when, for how long, in which zone it was typed, where it was asked. */
  schedule: z
    .object({
      startsAt: isoUtc,
      durationMinutes: z.number().int().positive().max(maxScheduledMinutes),
      timezone: z.string().min(1).max(64),
      channelId: snowflake,
    })
    .optional(),
});
export type CreateMeetingInput = z.input<typeof createMeetingInputSchema>;

export const joinMeetingInputSchema = z.object({
  meetingId: z.string(),
  guildId: snowflake,
  userId: snowflake,
  displayName: personName,
  kalturaRole: z.enum(['adminRole', 'viewerRole']),
  correlationId,
});
export type JoinMeetingInput = z.input<typeof joinMeetingInputSchema>;

export const endMeetingInputSchema = z.object({
  meetingId: z.string(),
  guildId: snowflake,
  byUserId: snowflake,
  canEndOthers: z.boolean(),
  correlationId,
});
export type EndMeetingInput = z.input<typeof endMeetingInputSchema>;

export const cancelMeetingInputSchema = z.object({
  meetingId: z.string(),
  guildId: snowflake,
  byUserId: snowflake,
  canCancelOthers: z.boolean(),
  reason: z.string().trim().max(500).optional(),
  correlationId,
});
export type CancelMeetingInput = z.input<typeof cancelMeetingInputSchema>;

/** Parses a service input; a bad one is the caller's bug or a user's typo: MEETING.INVALID_INPUT. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = toSchemaIssues(result.error);
  throw new KdError(
    'MEETING.INVALID_INPUT',
    issues.map((i) => `${i.path || '(input)'}: ${i.message}`).join('; '),
    'validation',
    { details: { issues } },
  );
}
