import { z } from 'zod';
import { commonEnv, httpPort } from '@kd/config';
import { appTokenHashTypes, kalturaHashAlgos } from '@kd/kaltura';

export const failModes = ['none', 'http500', 'api_error', 'hang'] as const;
export type FailMode = (typeof failModes)[number];

/** Dev-only default so `npm start` works without a Kaltura account. Never a real partner's secret. */
export const SIM_DEV_ADMIN_SECRET = 'sim-admin-secret-not-for-production';

const count = z.coerce.number().int().min(0);

export const kalturaSimEnv = z.object({
  HTTP_PORT: httpPort(4010),
  KALTURA_SIM_HOST: z.string().min(1).default('0.0.0.0'),
  KALTURA_PARTNER_ID: z.coerce.number().int().positive().default(100),
  KALTURA_ADMIN_SECRET: z.string().min(8).default(SIM_DEV_ADMIN_SECRET),
  LOG_LEVEL: commonEnv.LOG_LEVEL,
  KALTURA_SIM_LATENCY_MS: count.default(0),
  KALTURA_SIM_FAIL_MODE: z.enum(failModes).default('none'),
  KALTURA_SIM_FAIL_RATE: z.coerce.number().min(0).max(1).default(1),
  KALTURA_SIM_THROTTLE_PER_SEC: count.default(0),
  KALTURA_SIM_WEBHOOK_URL: z.url().optional(),
  /** Signing secret; falls back to KALTURA_WEBHOOK_SECRET, then the admin secret (Kaltura's default). */
  KALTURA_SIM_WEBHOOK_SECRET: z.string().min(1).optional(),
  KALTURA_WEBHOOK_SECRET: z.string().min(1).optional(),
  KALTURA_SIM_WEBHOOK_ALGO: z.enum(kalturaHashAlgos).default('sha1'),
  KALTURA_SIM_WEBHOOK_FORMAT: z.enum(['json', 'form']).default('json'),
  KALTURA_SIM_NOTIFY_EVERY_MS: count.default(0),
  /** An app token the sim knows from the start (id and token as given), for the apps' app-token mode. */
  KALTURA_SIM_APP_TOKEN_ID: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/)
    .optional(),
  KALTURA_SIM_APP_TOKEN: z.string().min(8).optional(),
  KALTURA_SIM_APP_TOKEN_HASH_TYPE: z.enum(appTokenHashTypes).default('SHA1'),
});

export type KalturaSimConfig = z.output<typeof kalturaSimEnv>;

export const SIM_CONFIG = Symbol('KALTURA_SIM_CONFIG');
export const SIM_LOGGER = Symbol('KALTURA_SIM_LOGGER');
