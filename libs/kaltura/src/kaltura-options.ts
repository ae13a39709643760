import { z } from 'zod';
import { KdError } from '@kd/events';
import type { Logger } from '@kd/observability';
import type { KalturaMetrics } from './kaltura-metrics.js';
import { appTokenHashTypes } from './ks/app-token-hash.js';

const seconds = z.number().int().positive();

/** An application token (`KALTURA_APP_TOKEN_ID` / `KALTURA_APP_TOKEN`): revocable by the partner. */
export const appTokenOptionsSchema = z.object({
  id: z.string().min(1),
  token: z.string().min(1),
  hashType: z.enum(appTokenHashTypes).default('SHA1'),
});

export const kalturaClientOptionsSchema = z
  .object({
    /** e.g. `https://www.kaltura.com` (the client appends `/api_v3/service/...`). */
    serviceUrl: z.url().transform((url) => url.replace(/\/+$/, '')),
    partnerId: z.coerce.number().int().positive(),
    /** Development and kaltura-sim: sessions signed locally. */
    adminSecret: z.string().min(1).optional(),
    /** Production: sessions asked of Kaltura with an app token (wins over adminSecret). */
    appToken: appTokenOptionsSchema.optional(),
    /** Default `https://{partnerId}.kaf.kaltura.com/virtualEvent/launch`. */
    launchBaseUrl: z.url().optional(),
    clientTag: z.string().min(1).default('kaltura-discord'),
    timeoutMs: z.number().int().positive().default(5000),
    maxRetries: z.number().int().min(0).max(5).default(2),
    retryBaseDelayMs: z.number().int().min(0).default(100),
    adminSessionTtlSeconds: seconds.default(3600),
    joinSessionTtlSeconds: seconds.default(7200),
    maxSessionTtlSeconds: seconds.default(86_400),
    sessionRefreshMarginSeconds: z.number().int().min(0).default(60),
  })
  .refine((o) => o.adminSecret !== undefined || o.appToken !== undefined, {
    message: 'set an app token (production) or the admin secret (development)',
    path: ['appToken'],
  });

export type KalturaClientOptions = z.input<typeof kalturaClientOptionsSchema> & {
  metrics?: KalturaMetrics;
  logger?: Logger;
  /** Clock in milliseconds (tests). */
  now?: () => number;
};

export type ResolvedKalturaOptions = z.output<typeof kalturaClientOptionsSchema> &
  Pick<KalturaClientOptions, 'metrics' | 'logger' | 'now'> & { launchBaseUrl: string };

export function resolveKalturaOptions(options: KalturaClientOptions): ResolvedKalturaOptions {
  const parsed = kalturaClientOptionsSchema.safeParse(options);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (i) => `${i.path.join('.') || '(options)'}: ${i.message}`,
    );
    throw new KdError(
      'KALTURA.INVALID_OPTIONS',
      `invalid Kaltura client options: ${problems.join('; ')}`,
      'validation',
    );
  }
  const launchBaseUrl =
    parsed.data.launchBaseUrl ??
    `https://${parsed.data.partnerId}.kaf.kaltura.com/virtualEvent/launch`;
  return {
    ...parsed.data,
    launchBaseUrl,
    metrics: options.metrics,
    logger: options.logger,
    now: options.now,
  };
}
