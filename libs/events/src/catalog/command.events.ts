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

export const commandExecuted = defineEvent({
  type: 'command.executed',
  version: 1,
  aggregate: 'command',
  firstOnSubject: true,
  schema: z.object({
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
  }),
  aggregateId: ({ payload }) => payload.interactionId,
});
