import { z } from 'zod';
import { isoUtc, snowflake, subjectToken } from './primitives.js';

export const actorKinds = ['user', 'system', 'kaltura'] as const;
export const actorSchema = z.object({ kind: z.enum(actorKinds), id: z.string().min(1).max(128) });
export type Actor = z.infer<typeof actorSchema>;

/** Every field of DESIGN §3 except `payload`, whose schema depends on `type` and `version`. */
export const envelopeHeaderSchema = z.object({
  id: subjectToken,
  type: z.string().regex(/^[a-z]+\.[a-z_]+$/, 'must look like "aggregate.past_tense"'),
  version: z.number().int().positive(),
  occurredAt: isoUtc,
  recordedAt: isoUtc,
  guildId: snowflake.nullable(),
  actor: actorSchema,
  correlationId: z.string().min(1).max(128),
  causationId: z.string().min(1).max(128).optional(),
});
export type EnvelopeHeader = z.infer<typeof envelopeHeaderSchema>;

export interface Envelope<TType extends string, TPayload> extends Omit<EnvelopeHeader, 'type'> {
  type: TType;
  payload: TPayload;
}
