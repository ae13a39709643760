import { z } from 'zod';

/** Any text: the forget service answers a malformed id with its own clear error. */
export const personParams = z.object({ discordUserId: z.string().min(1).max(64) });

export const forgetResponse = z.object({
  status: z.literal('forgotten'),
  kid: z.string(),
  placeholder: z.string(),
  keyDestroyed: z.boolean(),
  kaltura: z.enum(['deleted', 'not_found', 'pending', 'not_configured']),
});
