import type { z } from 'zod';
import { KdError, toSchemaIssues } from '@kd/events';
import type { JwtClaims } from '@kd/auth';

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

/** A token may be limited to some guilds (`guilds` claim); others are forbidden. */
export function assertGuildAccess(claims: JwtClaims, guildId: string): void {
  if (claims.guilds && !claims.guilds.includes(guildId)) {
    throw new KdError(
      'AUTH.GUILD_FORBIDDEN',
      `this token is not allowed to act on guild ${guildId}`,
      'permission',
    );
  }
}
