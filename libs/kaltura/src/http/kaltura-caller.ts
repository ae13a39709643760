import { setTimeout as sleep } from 'node:timers/promises';
import type { z } from 'zod';
import type { Logger } from '@kd/observability';
import {
  KalturaApiError,
  KalturaUnavailableError,
  KalturaUnexpectedResponseError,
} from '../errors.js';
import type { KalturaMetrics, KalturaOutcome } from '../kaltura-metrics.js';
import { postKaltura, type PostOptions } from './post-kaltura.js';

export interface CallerOptions extends PostOptions {
  maxRetries: number;
  retryBaseDelayMs: number;
  metrics?: KalturaMetrics;
  logger?: Logger;
}

export interface KalturaCall<T> {
  service: string;
  action: string;
  /** Reads only: retried on transport failures and ACTION_BLOCKED. Writes are never retried. */
  idempotent: boolean;
  /**
   * Error codes that mean "no such object" and that the caller handles as an answer (an unknown
   * user on `user.get`): counted as outcome `not_found`, not `api_error`. Still thrown.
   */
  notFound?: ReadonlySet<string>;
  params: Record<string, unknown>;
  response: z.ZodType<T>;
}

export class KalturaCaller {
  constructor(private readonly options: CallerOptions) {}

  async call<T>(call: KalturaCall<T>, ks: string): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.attempt(call, ks);
      } catch (error) {
        if (!call.idempotent || attempt >= this.options.maxRetries || !isRetryable(error))
          throw error;
        const delayMs = this.options.retryBaseDelayMs * 2 ** attempt * (1 + Math.random() / 2);
        this.options.logger?.warn(
          { service: call.service, action: call.action, attempt, delayMs, err: error },
          'kaltura read failed, retrying',
        );
        await sleep(delayMs);
      }
    }
  }

  private async attempt<T>(call: KalturaCall<T>, ks: string): Promise<T> {
    const labels = { service: call.service, action: call.action };
    const stop = this.options.metrics?.duration.startTimer(labels);
    let outcome: KalturaOutcome = 'unavailable';
    try {
      const body = await postKaltura(this.options, labels, call.params, ks);
      const parsed = call.response.safeParse(body);
      if (!parsed.success)
        throw new KalturaUnexpectedResponseError(
          `unexpected response: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
          labels,
        );
      outcome = 'ok';
      return parsed.data;
    } catch (error) {
      if (error instanceof KalturaApiError)
        outcome = call.notFound?.has(error.kalturaCode) ? 'not_found' : 'api_error';
      throw error;
    } finally {
      stop?.();
      this.options.metrics?.requests.inc({ ...labels, outcome });
    }
  }
}

function isRetryable(error: unknown): boolean {
  if (error instanceof KalturaApiError) return error.kalturaCode === 'ACTION_BLOCKED';
  return error instanceof KalturaUnavailableError;
}
