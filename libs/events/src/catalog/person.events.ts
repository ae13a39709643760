import { z } from 'zod';
import { defineEvent } from '../define-event.js';
import { forgottenValue, personal } from '../personal/personal-field.js';
import { snowflake, subjectToken } from '../primitives.js';

/**
 * A person asked to be forgotten (docs/privacy.md). `kid` names their (now destroyed) key; the
 * id is sealed under it, readable only while the forget runs, so projections can replace each
 * clear form with its placeholder. Nothing in clear links the event to the person.
 */
export const personForgotten = defineEvent({
  type: 'person.forgotten',
  version: 1,
  aggregate: 'person',
  firstOnSubject: true,
  schema: z.object({
    kid: subjectToken,
    userId: personal(snowflake),
    userPlaceholder: forgottenValue,
    participantId: personal(z.string().regex(/^discord:\d{17,20}$/)),
    participantPlaceholder: forgottenValue,
    requestedBy: z.enum(['self', 'operator']),
  }),
  aggregateId: ({ payload }) => payload.kid,
});
