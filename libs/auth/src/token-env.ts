import { z } from 'zod';
import { durationPattern, parseDuration } from './duration.js';

/** Environment of whoever issues or checks REST API tokens (the api, `npm run api:token`). */
export const tokenEnv = {
  JWT_ISSUER: z.string().min(1).max(200).default('kaltura-discord'),
  JWT_AUDIENCE: z.string().min(1).max(200).default('kaltura-discord-api'),
  JWT_MAX_LIFETIME: z
    .string()
    .regex(durationPattern, 'must be a duration such as "30d", "12h" or seconds')
    .default('30d')
    .transform((text) => parseDuration(text) ?? 0)
    .refine((seconds) => seconds >= 60, 'must be at least a minute'),
};

export interface TokenSettings {
  /** HS256 key, at least 32 bytes. */
  secret: string;
  issuer: string;
  audience: string;
  /** Longest accepted `exp − iat`, in seconds. */
  maxLifetimeS: number;
}

export function tokenSettingsOf(config: {
  JWT_SECRET: string;
  JWT_ISSUER: string;
  JWT_AUDIENCE: string;
  JWT_MAX_LIFETIME: number;
}): TokenSettings {
  return {
    secret: config.JWT_SECRET,
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    maxLifetimeS: config.JWT_MAX_LIFETIME,
  };
}
