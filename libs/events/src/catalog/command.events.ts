import { z } from 'zod';
import { defineEvent } from '../define-event.js';
import { personal } from '../personal/personal-field.js';
import { snowflake } from '../primitives.js';

export const commandOutcomes = ['ok', 'error', 'denied', 'invalid'] as const;
export const commandTransports = ['gateway', 'http'] as const;
/** How a command was asked for other than typing it; absent = the slash command itself. */
export const commandVias = ['slash', 'button', 'modal', 'select'] as const;

/** Option values after sanitizing: scalars only, free text already truncated by the caller. */
const optionValue = z.union([z.string().max(500), z.number(), z.boolean(), z.null()]);

const commandExecutedV1 = z.object({
  interactionId: snowflake,
  command: z.string().regex(/^[a-z0-9_-]{1,32}$/),
  commandVersion: z.number().int().positive(),
  options: z.record(z.string(), optionValue),
  userId: personal(snowflake),
  channelId: snowflake.nullable(),
  outcome: z.enum(commandOutcomes),
  errorCode: z.string().max(64).nullable(),
  durationMs: z.number().nonnegative(),
  transport: z.enum(commandTransports),
  via: z.enum(commandVias).optional(),
});

/** A Discord locale code as interactions carry it (`en-US`, `de`, `es-419`). */
export const discordLocaleCode = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}$/)
  .max(16);

/**
 * v2 carries the member's Discord `locale` and the server's `guildLocale` as the interaction sent
 * them (null when absent): which languages use the bot (analytics.locale_usage). v1 → null.
 */
export const commandExecuted = defineEvent({
  type: 'command.executed',
  version: 2,
  aggregate: 'command',
  firstOnSubject: true,
  schema: commandExecutedV1.extend({
    locale: discordLocaleCode.nullable(),
    guildLocale: discordLocaleCode.nullable(),
  }),
  aggregateId: ({ payload }) => payload.interactionId,
  upcasters: [
    {
      fromVersion: 1,
      schema: commandExecutedV1,
      up: (v1: z.output<typeof commandExecutedV1>) => ({ ...v1, locale: null, guildLocale: null }),
    },
  ],
});
