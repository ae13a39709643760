import { z } from 'zod';
import { natsAuthEnv } from './nats-auth.js';

const natsSubjectPrefix = z
  .string()
  .regex(
    /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/,
    'must be dot-separated subject tokens without wildcards',
  );

const streamName = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be letters, digits, "_" or "-"');

export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** One NATS server URL or several, comma-separated (a cluster: the client picks one, fails over). */
const natsServers = z
  .string()
  .min(1)
  .refine(
    (value) =>
      value.split(',').every((url) => /^((nats|tls|wss?):\/\/)?[^\s,/]+$/.test(url.trim())),
    'must be NATS server URLs (nats://host:port), comma-separated',
  );

const basicAuth = z.string().regex(/^[^:]+:.+$/, 'must be "user:password"');

/** Variables every process understands (DESIGN §6), with defaults that point at local services. */
export const commonEnv = {
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .default('postgres://postgres@127.0.0.1:5432/kaltura_discord'),
  /** A streaming replica for analytics reads (insights, /kaltura-stats, reports, gauges). */
  DATABASE_READ_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  NATS_URL: natsServers.default('nats://127.0.0.1:4222'),
  /** Replicas of the event stream and of the key-value buckets it creates (3 on a NATS cluster). */
  KD_STREAM_REPLICAS: z.coerce.number().int().min(1).max(5).default(1),
  ...natsAuthEnv,
  KD_STREAM: streamName.default('KD_EVENTS'),
  KD_SUBJECT_PREFIX: natsSubjectPrefix.default('kd.events'),
  LOG_LEVEL: z.enum(logLevels).default('info'),
  METRICS_ENABLED: z.stringbool().default(true),
  METRICS_BASIC_AUTH: basicAuth.optional(),
  /** Statement timeout of the process's PostgreSQL pool, in ms (0 = none); see docs/operations.md. */
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(15_000),
  // A client gets this long for a whole request (headers and body); a trickling one is cut off.
  HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(500).max(600_000).default(30_000),
};

export const httpPort = (fallback: number) =>
  z.coerce.number().int().min(0).max(65535).default(fallback);

/** Kaltura account settings (apps that call Kaltura); without partner id and secret, no Kaltura. */
export const kalturaEnv = {
  KALTURA_SERVICE_URL: z.url().default('https://www.kaltura.com'),
  KALTURA_LAUNCH_URL: z.url().optional(),
  KALTURA_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
  KALTURA_PARTNER_ID: z.string().regex(/^\d+$/, 'must be a number').optional(),
  KALTURA_ADMIN_SECRET: z.string().min(8).optional(),
  /** Production: an application token the partner can revoke (DESIGN §6b); both or neither. */
  KALTURA_APP_TOKEN_ID: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an app token id')
    .optional(),
  KALTURA_APP_TOKEN: z.string().min(8).optional(),
  /** The hashType the app token was created with (Kaltura's default SHA1). */
  KALTURA_APP_TOKEN_HASH_TYPE: z.enum(['MD5', 'SHA1', 'SHA256', 'SHA512']).default('SHA1'),
};

/** `/kaltura-start` limits (apps that run commands), counted in a JetStream KV bucket; 0 = off. */
export const startRateLimitEnv = {
  START_RATE_LIMIT_PER_USER: z.coerce.number().int().min(0).max(10_000).default(10),
  START_RATE_LIMIT_PER_GUILD: z.coerce.number().int().min(0).max(100_000).default(50),
  START_RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(600),
};

type KalturaCredentials = {
  KALTURA_APP_TOKEN_ID?: string | undefined;
  KALTURA_APP_TOKEN?: string | undefined;
};

const appTokenVariables = new Set(['KALTURA_APP_TOKEN_ID', 'KALTURA_APP_TOKEN']);

/**
 * For an app schema holding `kalturaEnv`: `KALTURA_APP_TOKEN_ID` and `KALTURA_APP_TOKEN` come
 * together or not at all (half an app token would silently fall back to the admin secret).
 */
export function kalturaCredentialsRule<T extends KalturaCredentials>(schema: z.ZodType<T>) {
  return schema.refine(
    (c) => (c.KALTURA_APP_TOKEN_ID === undefined) === (c.KALTURA_APP_TOKEN === undefined),
    {
      path: ['KALTURA_APP_TOKEN'],
      message:
        'KALTURA_APP_TOKEN_ID and KALTURA_APP_TOKEN must be set together (or neither, to use KALTURA_ADMIN_SECRET)',
      // Checked even if another variable is invalid, so every problem is listed at once.
      when: (payload) =>
        !payload.issues.some((i) => appTokenVariables.has(String(i.path?.[0] ?? ''))),
    },
  );
}
