import { z } from 'zod';
import { defineEvent } from '../define-event.js';
import { forgottenValue, personal } from '../personal/personal-field.js';
import { snowflake, subjectToken } from '../primitives.js';

/**
 * Personal fields are named as such (`discordUserId`, `displayName`) so the people codec can
 * protect them; the rest is not personal. A Kaltura user id is at most 100 characters.
 */
const discordUserId = personal(snowflake);
/** Ours are `discord:<id>` (sealed as personal); any other Kaltura user id is not a Discord person. */
const kalturaUserId = personal(z.string().min(1).max(100));
/** Sanitized and capped to 100 characters (code points); sealed under the member's key. */
const displayName = personal(z.string().min(1).max(256), { ownedBy: 'discordUserId' });

export const personKalturaActions = ['added', 'updated', 'unchanged'] as const;

/**
 * Person events are keyed by their own event id, never by the person: a subject is not sealed,
 * and nothing reads a person's events as an aggregate (the people cache is a KV bucket).
 */

/**
 * A Discord member is (now) a Kaltura user: the mapping, and the display name Kaltura holds.
 * Recorded on a member's first join link and again when their display name changes.
 */
export const personLinked = defineEvent({
  type: 'person.linked',
  version: 1,
  aggregate: 'person',
  schema: z.object({
    discordUserId,
    kalturaUserId,
    displayName,
    /** What Kaltura needed: the user was added, its names updated, or it was already right. */
    kalturaAction: z.enum(personKalturaActions),
  }),
  aggregateId: ({ id }) => id,
});

/** Making sure of a member's Kaltura user failed; the join link was issued anyway. Retried later. */
export const personLinkFailed = defineEvent({
  type: 'person.link_failed',
  version: 1,
  aggregate: 'person',
  schema: z.object({
    discordUserId,
    kalturaUserId,
    service: z.string().max(64),
    action: z.string().max(64),
    code: z.string().max(64),
    message: z.string().max(1000),
    /** 1 for the join itself, then one more per retry. */
    attempt: z.number().int().positive(),
    /** When the retry loop tries again (ISO-8601 UTC). */
    retryAt: z.iso.datetime({ offset: false, precision: 3 }),
  }),
  aggregateId: ({ id }) => id,
});

const ourKalturaUserId = /^discord:(\d{17,20})$/;

/**
 * The Discord user a Kaltura user id of ours names (`discord:<snowflake>`, the id of every join
 * KS and of `person.linked`), or undefined for any other Kaltura user id.
 */
export function discordIdOfKalturaUser(kalturaUserId: string): string | undefined {
  return ourKalturaUserId.exec(kalturaUserId)?.[1];
}

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
