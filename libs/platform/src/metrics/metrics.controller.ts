import { Controller, Get, HttpException, Inject, Res } from '@nestjs/common';
import { PrometheusController } from '@willsoto/nestjs-prometheus';
import { timingSafeEqual } from 'node:crypto';
import type { Response } from 'express';
import { register } from 'prom-client';
import { openMetricsContentType, openMetricsText, wantsOpenMetrics } from './open-metrics.js';

export const METRICS_OPTIONS = Symbol('METRICS_OPTIONS');

export interface MetricsOptions {
  enabled: boolean;
  /** "user:password"; when set, scrapes need HTTP basic auth. */
  basicAuth?: string | undefined;
  /** The `app` label every series carries. */
  service?: string;
}

/**
 * `/metrics` (DESIGN §5): 404 when METRICS_ENABLED=false, basic auth when METRICS_BASIC_AUTH is
 * set; OpenMetrics (with the latency histograms' trace exemplars) when the scraper's Accept asks
 * for it, the classic text format otherwise.
 */
@Controller()
export class GuardedMetricsController extends PrometheusController {
  constructor(@Inject(METRICS_OPTIONS) private readonly options: MetricsOptions) {
    super();
  }

  @Get()
  override async index(@Res({ passthrough: true }) response: Response): Promise<string> {
    if (!this.options.enabled)
      throw new HttpException(
        { error: { code: 'METRICS.DISABLED', message: 'metrics are disabled' } },
        404,
      );
    if (
      this.options.basicAuth &&
      !matches(response.req.headers.authorization, this.options.basicAuth)
    ) {
      response.setHeader('WWW-Authenticate', 'Basic realm="metrics"');
      throw new HttpException(
        { error: { code: 'AUTH.REQUIRED', message: 'metrics need basic auth' } },
        401,
      );
    }
    if (wantsOpenMetrics(response.req.headers.accept)) {
      response.setHeader('Content-Type', openMetricsContentType);
      const app = this.options.service;
      return openMetricsText(register, app ? { app } : {});
    }
    return super.index(response);
  }
}

function matches(header: string | undefined, expected: string): boolean {
  const given = Buffer.from(
    header?.startsWith('Basic ') ? Buffer.from(header.slice(6), 'base64').toString() : '',
  );
  const wanted = Buffer.from(expected);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}
