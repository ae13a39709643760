import { Module, type DynamicModule } from '@nestjs/common';
import { PrometheusModule } from '@willsoto/nestjs-prometheus';
import { register } from 'prom-client';
import {
  GuardedMetricsController,
  METRICS_OPTIONS,
  type MetricsOptions,
} from './metrics.controller.js';
import { buildInfoOf, registerBuildInfo } from './build-info.js';

/**
 * prom-client's global registry (what @willsoto/nestjs-prometheus serves) with default process
 * metrics and `kd_build_info{version,commit}`, exposed at `/metrics`. Libraries register their
 * metrics on `register` too.
 */
@Module({})
export class MetricsModule {
  static forRoot(options: MetricsOptions & { service: string }): DynamicModule {
    registerBuildInfo(register, buildInfoOf(process.env));
    return {
      module: MetricsModule,
      global: true,
      imports: [
        PrometheusModule.register({
          controller: GuardedMetricsController,
          defaultMetrics: { enabled: true },
          // `app`, not `service`: DESIGN §5 metrics such as kd_kaltura_requests_total use `service` themselves.
          defaultLabels: { app: options.service },
        }),
      ],
      providers: [{ provide: METRICS_OPTIONS, useValue: options }],
      exports: [METRICS_OPTIONS],
    };
  }
}

export { register as metricsRegistry };
