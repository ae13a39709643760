import { z } from 'zod';
import { commonEnv, httpPort } from '@kd/config';

export const projectorConfigSchema = z.object({
  ...commonEnv,
  HTTP_PORT: httpPort(3001),
  PROJECTION_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(1000),
  PROJECTION_MAX_WAIT_MS: z.coerce.number().int().min(1).max(60_000).default(100),
  /** Comma-separated projection names to run (default: all). */
  PROJECTIONS: z.string().optional(),
  /** Statement timeout of the projector's pool (batches, rebuilds), in ms; 0 = none. */
  PROJECTOR_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(300_000),
  /** How long the business gauges' summary is reused between scrapes. */
  BUSINESS_METRICS_TTL_MS: z.coerce.number().int().min(0).max(600_000).default(15_000),
  /** Statement timeout of the summary queries behind the business gauges. */
  BUSINESS_METRICS_TIMEOUT_MS: z.coerce.number().int().min(50).max(60_000).default(2_000),
});

export type ProjectorConfig = z.output<typeof projectorConfigSchema>;
