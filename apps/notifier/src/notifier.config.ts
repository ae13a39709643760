import { z } from 'zod';
import { commonEnv, httpPort } from '@kd/config';

export const notifierConfigSchema = z.object({
  ...commonEnv,
  HTTP_PORT: httpPort(3002),
  /** Without it the notifier runs (health, metrics) but consumes nothing and posts nothing. */
  DISCORD_TOKEN: z.string().min(1).optional(),
  DISCORD_API_URL: z.url().default('https://discord.com/api'),
  /** Attempts per message (the first included) before `notification.failed`. */
  NOTIFY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
  /** Wait after the first failed attempt; doubles after each further one, capped at 30 s. */
  NOTIFY_BACKOFF_MS: z.coerce.number().int().min(0).max(30_000).default(500),
  /** Per-attempt timeout of a Discord request. */
  NOTIFY_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  /**
   * Events older than this (by when they happened) are not announced, recordings excepted: after
   * an outage or a replayed history the channels do not fill with stale news. 0 = no limit.
   */
  NOTIFY_MAX_EVENT_AGE_MS: z.coerce.number().int().min(0).default(3_600_000),
  /** Link of a recording for `{{recordingUrl}}`, e.g. `https://x.mediaspace.kaltura.com/media/t/{entryId}`. */
  NOTIFY_RECORDING_URL: z
    .url()
    .refine((url) => url.includes('{entryId}'), 'must contain "{entryId}"')
    .optional(),
});

export type NotifierConfig = z.output<typeof notifierConfigSchema>;
