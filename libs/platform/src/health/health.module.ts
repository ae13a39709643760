import { Module, type DynamicModule } from '@nestjs/common';
import { DependencyMonitor } from './dependency-monitor.js';
import { HEALTH_CHECKS, HealthController, type HealthChecks } from './health.controller.js';

@Module({})
export class HealthModule {
  static forRoot(checks: HealthChecks): DynamicModule {
    return {
      module: HealthModule,
      controllers: [HealthController],
      providers: [{ provide: HEALTH_CHECKS, useValue: checks }, DependencyMonitor],
    };
  }
}
