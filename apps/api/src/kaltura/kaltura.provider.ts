import { register } from 'prom-client';
import { KdError } from '@kd/events';
import { KalturaClient, createKalturaMetrics } from '@kd/kaltura';
import type { Logger } from '@kd/observability';
import type { ApiConfig } from '../api.config.js';

export class KalturaNotConfiguredError extends KdError {
  constructor() {
    super(
      'KALTURA.NOT_CONFIGURED',
      'Kaltura is not configured on this server (KALTURA_PARTNER_ID, KALTURA_ADMIN_SECRET)',
      'unavailable',
    );
  }
}

/**
 * The Kaltura client when credentials are set (`npm start` points them at kaltura-sim when the
 * operator has none); otherwise undefined, and Kaltura-bound commands answer KALTURA.NOT_CONFIGURED.
 */
export function kalturaClientFrom(config: ApiConfig, logger: Logger): KalturaClient | undefined {
  if (!config.KALTURA_PARTNER_ID || !config.KALTURA_ADMIN_SECRET) {
    logger.warn('Kaltura credentials not set: meeting and video commands are unavailable');
    return undefined;
  }
  return new KalturaClient({
    serviceUrl: config.KALTURA_SERVICE_URL,
    partnerId: config.KALTURA_PARTNER_ID,
    adminSecret: config.KALTURA_ADMIN_SECRET,
    ...(config.KALTURA_LAUNCH_URL ? { launchBaseUrl: config.KALTURA_LAUNCH_URL } : {}),
    timeoutMs: config.KALTURA_TIMEOUT_MS,
    metrics: createKalturaMetrics(register),
    logger,
  });
}
