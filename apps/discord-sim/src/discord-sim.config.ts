import { z } from 'zod';
import { commonEnv, httpPort } from '@kd/config';
import { parsePrivateKey } from './sim-keys.js';

/** Dev-only defaults so `npm start` works without a Discord application. Never real values. */
export const SIM_DEV_APPLICATION_ID = '100000000000004011';
export const SIM_DEV_BOT_TOKEN = 'discord-sim-bot-token-not-a-real-token';

const privateKey = z.string().superRefine((value, ctx) => {
  try {
    parsePrivateKey(value);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
  }
});

export const discordSimEnv = z.object({
  HTTP_PORT: httpPort(4011),
  DISCORD_SIM_HOST: z.string().min(1).default('0.0.0.0'),
  /** Ed25519 private key, PKCS#8 DER in base64; unset: a fresh key pair at every start. */
  DISCORD_SIM_PRIVATE_KEY: privateKey.optional(),
  DISCORD_SIM_APPLICATION_ID: z
    .string()
    .regex(/^\d{17,20}$/, 'must be a Discord snowflake')
    .default(SIM_DEV_APPLICATION_ID),
  /** The one bot token the REST routes accept (`Authorization: Bot <token>`). */
  DISCORD_SIM_BOT_TOKEN: z.string().min(20).default(SIM_DEV_BOT_TOKEN),
  DISCORD_SIM_INTERACTIONS_URL: z.url().default('http://127.0.0.1:3000/interactions'),
  /** Every Nth REST request is answered 429 (0 = never): data for the rate-limit panels. */
  DISCORD_SIM_RATE_LIMIT_EVERY: z.coerce.number().int().min(0).default(0),
  DISCORD_SIM_RETRY_AFTER_MS: z.coerce.number().int().min(1).max(60_000).default(250),
  /** REST requests kept for GET /__sim/requests (the counts cover all of them). */
  DISCORD_SIM_RECORD_LIMIT: z.coerce.number().int().min(0).max(100_000).default(500),
  LOG_LEVEL: commonEnv.LOG_LEVEL,
});

export type DiscordSimConfig = z.output<typeof discordSimEnv>;
