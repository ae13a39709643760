import { Controller, Get, HttpException, Inject, Res } from '@nestjs/common';
import { PrometheusController } from '@willsoto/nestjs-prometheus';
import { timingSafeEqual } from 'node:crypto';
import type { Response } from 'express';

export const METRICS_OPTIONS = Symbol('METRICS_OPTIONS');

export interface MetricsOptions {
  enabled: boolean;
  /** "user:password"; when set, scrapes need HTTP basic auth. */
  basicAuth?: string | undefined;
}

/** `/metrics` (DESIGN §5): 404 when METRICS_ENABLED=false, basic auth when METRICS_BASIC_AUTH is set. */
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
