import { z } from 'zod';
import { tokenEnv } from '@kd/auth';
import {
  commonEnv,
  httpPort,
  kalturaCredentialsRule,
  kalturaEnv,
  startRateLimitEnv,
} from '@kd/config';

export const apiConfigSchema = kalturaCredentialsRule(
  z.object({
    ...commonEnv,
    HTTP_PORT: httpPort(3000),
    JWT_SECRET: z
      .string({ error: 'is required where the API runs (generate one: openssl rand -base64 48)' })
      .refine((s) => Buffer.byteLength(s, 'utf8') >= 32, 'must be at least 32 bytes'),
    ...tokenEnv,
    API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(600),
    DISCORD_PUBLIC_KEY: z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex characters')
      .optional(),
    DISCORD_APPLICATION_ID: z
      .string()
      .regex(/^\d{17,20}$/, 'must be a Discord snowflake')
      .optional(),
    DISCORD_TOKEN: z.string().min(20).optional(),
    DISCORD_API_URL: z.url().default('https://discord.com/api'),
    ...kalturaEnv,
    ...startRateLimitEnv,
    /** Kaltura signs with the partner's admin secret only: unset, KALTURA_ADMIN_SECRET is used. */
    KALTURA_WEBHOOK_SECRET: z.string().min(8).optional(),
    /** How often parked notifications (sent before their meeting was known) are retried. */
    WEBHOOK_SWEEP_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
    /** How often Kaltura users that could not be made at a member's join are retried (docs/people.md). */
    PEOPLE_RETRY_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
    HTTP_BODY_LIMIT: z
      .string()
      .regex(/^\d+(kb|mb)$/, 'must look like "64kb"')
      .default('64kb'),
  }),
);

export type ApiConfig = z.output<typeof apiConfigSchema>;
