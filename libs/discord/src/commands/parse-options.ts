import type { z } from 'zod';
import { toSchemaIssues } from '@kd/events';
import type { OptionValue } from '../interactions/interaction.schema.js';
import type { CommandDefinition } from './command-definition.js';
import { InvalidOptionError } from './command-errors.js';

/**
 * Checks an invocation's options against the command's rules (Discord enforces most of them for
 * a fresh registration, not for a stale one or a hand-made request): COMMAND.INVALID_OPTION.
 */
export function parseCommandOptions<D extends CommandDefinition>(
  definition: D,
  options: Record<string, OptionValue>,
): z.output<D['optionsSchema']> {
  const result = definition.optionsSchema.safeParse(options);
  if (result.success) return result.data as z.output<D['optionsSchema']>;
  throw new InvalidOptionError(definition.name, toSchemaIssues(result.error));
}
