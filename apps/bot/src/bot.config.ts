import { z } from 'zod';
import {
  commonEnv,
  httpPort,
  kalturaCredentialsRule,
  kalturaEnv,
  startRateLimitEnv,
} from '@kd/config';

const shardIds = z
  .string()
  .regex(/^\d+(,\d+)*$/, 'must be comma-separated shard ids, e.g. "0,1"')
  .transform((s) => [...new Set(s.split(',').map(Number))]);

function shardVariablesParsed(payload: z.core.ParsePayload): boolean {
  return !payload.issues.some((i) => i.path?.[0] === 'SHARD_IDS' || i.path?.[0] === 'SHARD_COUNT');
}

export const botConfigSchema = kalturaCredentialsRule(
  z
    .object({
      ...commonEnv,
      ...kalturaEnv,
      ...startRateLimitEnv,
      HTTP_PORT: httpPort(3003),
      /** Without it the bot runs (health, metrics) but does not connect to the gateway. */
      DISCORD_TOKEN: z.string().min(1).optional(),
      DISCORD_API_URL: z.url().default('https://discord.com/api'),
      /** Total shards of the bot across all processes; unset: Discord's recommendation. */
      SHARD_COUNT: z.coerce.number().int().min(1).max(100_000).optional(),
      /** The shards this process runs; unset: all of SHARD_COUNT. */
      SHARD_IDS: shardIds.optional(),
      /** Fractions are fine (tests use a few seconds). */
      MEMBER_COUNT_REFRESH_MINUTES: z.coerce.number().positive().max(10_080).default(360),
    })
    // `when`: checked even if another variable is invalid, so every problem is listed at once.
    .refine((c) => !c.SHARD_IDS || c.SHARD_COUNT !== undefined, {
      path: ['SHARD_IDS'],
      message: 'needs SHARD_COUNT (the total number of shards across all processes)',
      when: shardVariablesParsed,
    })
    .refine((c) => !c.SHARD_IDS || c.SHARD_IDS.every((id) => id < (c.SHARD_COUNT ?? Infinity)), {
      path: ['SHARD_IDS'],
      message: 'every shard id must be below SHARD_COUNT',
      when: shardVariablesParsed,
    }),
);

export type BotConfig = z.output<typeof botConfigSchema>;
