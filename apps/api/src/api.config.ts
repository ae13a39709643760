import { z } from 'zod';
import { commonEnv, httpPort } from '@kd/config';

export const apiConfigSchema = z.object({
  ...commonEnv,
  HTTP_PORT: httpPort(3000),
  JWT_SECRET: z
    .string({ error: 'is required where the API runs (generate one: openssl rand -base64 48)' })
    .refine((s) => Buffer.byteLength(s, 'utf8') >= 32, 'must be at least 32 bytes'),
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(600),
  KALTURA_PARTNER_ID: z.string().regex(/^\d+$/, 'must be a number').optional(),
  KALTURA_ADMIN_SECRET: z.string().min(8).optional(),
  KALTURA_WEBHOOK_SECRET: z.string().min(8).optional(),
  HTTP_BODY_LIMIT: z
    .string()
    .regex(/^\d+(kb|mb)$/, 'must look like "64kb"')
    .default('64kb'),
});

export type ApiConfig = z.output<typeof apiConfigSchema>;
