import { Module, type DynamicModule } from '@nestjs/common';
import { ClockModule } from '../clock/clock.module.js';
import type { HealthChecks } from '../health/health.controller.js';
import { HealthModule } from '../health/health.module.js';
import { MetricsModule } from '../metrics/metrics.module.js';

/** The settings every app has for its `/metrics`. */
export interface AppMetricsSettings {
  METRICS_ENABLED: boolean;
  METRICS_BASIC_AUTH?: string | undefined;
}

/**
 * What every app serves beside its own work: `/metrics` (with `kd_build_info`), `/health/live`
 * and `/health/ready` over the app's dependency checks, and the injected clock. One module, so
 * no app wires these on its own.
 */
@Module({})
export class AppPlatformModule {
  static forRoot(options: {
    app: string;
    settings: AppMetricsSettings;
    checks: HealthChecks;
  }): DynamicModule {
    return {
      module: AppPlatformModule,
      imports: [
        ClockModule,
        MetricsModule.forRoot({
          service: options.app,
          enabled: options.settings.METRICS_ENABLED,
          basicAuth: options.settings.METRICS_BASIC_AUTH,
        }),
        HealthModule.forRoot(options.checks),
      ],
    };
  }
}
