import { z } from 'zod';
import { defineEvent } from '../define-event.js';
import { nonNegativeInt } from '../primitives.js';

const byGuild = ({ guildId }: { guildId: string | null }) => guildId;

export const guildInstalled = defineEvent({
  type: 'guild.installed',
  version: 1,
  aggregate: 'guild',
  schema: z.object({ name: z.string().max(100), memberCount: nonNegativeInt.nullable() }),
  aggregateId: byGuild,
});

export const guildUninstalled = defineEvent({
  type: 'guild.uninstalled',
  version: 1,
  aggregate: 'guild',
  schema: z.object({}),
  aggregateId: byGuild,
});

export const guildMemberCountChanged = defineEvent({
  type: 'guild.member_count_changed',
  version: 1,
  aggregate: 'guild',
  schema: z.object({ memberCount: nonNegativeInt }),
  aggregateId: byGuild,
});

/** Kaltura category ids as Kaltura serializes them (positive integers), as strings. */
const categoryIds = z
  .array(z.string().regex(/^[1-9]\d{0,18}$/, 'must be a Kaltura category id'))
  .min(1)
  .max(100);

/**
 * An operator (never a guild admin: only the operator CLI appends it) lets the guild's video
 * search see the entries of these Kaltura categories, on top of its own meeting recordings.
 */
export const guildVideoAccessGranted = defineEvent({
  type: 'guild.video_access_granted',
  version: 1,
  aggregate: 'guild',
  schema: z.object({ categoryIds, grantedBy: z.string().min(1).max(100) }),
  aggregateId: byGuild,
});

export const guildVideoAccessRevoked = defineEvent({
  type: 'guild.video_access_revoked',
  version: 1,
  aggregate: 'guild',
  schema: z.object({ categoryIds, revokedBy: z.string().min(1).max(100) }),
  aggregateId: byGuild,
});
