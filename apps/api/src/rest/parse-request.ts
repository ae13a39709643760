import type { z } from 'zod';
import { KdError, toSchemaIssues } from '@kd/events';

/** Validates a request part with its zod schema; a bad one is a 400 naming each problem. */
export function parseRequest<S extends z.ZodType>(
  schema: S,
  value: unknown,
  part: 'body' | 'query' | 'path',
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = toSchemaIssues(result.error);
  throw new KdError(
    'HTTP.INVALID_REQUEST',
    `invalid ${part}: ${issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`,
    'validation',
    { details: { issues } },
  );
}

/** Operator tokens act on any guild; others only on the guilds they name (403 otherwise). */
export { assertGuildAccess } from '@kd/auth';
