import { z } from 'zod';
import { subjectToken } from '@kd/events';

export const tokenParams = z.object({ jti: subjectToken });

export const revokeTokenBody = z.object({
  reason: z.string().trim().max(500).default(''),
});

export const revokeTokenResponse = z.object({
  jti: z.string(),
  revoked: z.literal(true),
  alreadyRevoked: z.boolean(),
});
