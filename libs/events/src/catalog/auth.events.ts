import { z } from 'zod';
import { defineEvent } from '../define-event.js';
import { subjectToken } from '../primitives.js';

/**
 * A REST API token is revoked: every api replica refuses it from then on. The aggregate is the
 * token's `jti`, appended first-on-subject, so revoking twice records it once.
 */
export const authTokenRevoked = defineEvent({
  type: 'auth.token_revoked',
  version: 1,
  aggregate: 'auth',
  firstOnSubject: true,
  schema: z.object({
    jti: subjectToken,
    /** Who revoked it: `api:<sub of the operator token>` or `cli:<user>`. */
    revokedBy: z.string().min(1).max(128),
    reason: z.string().max(500),
  }),
  aggregateId: ({ payload }) => payload.jti,
});
