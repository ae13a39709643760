import { z } from 'zod';
import { KdError, meetingTypes, snowflake, toSchemaIssues } from '@kd/events';
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
