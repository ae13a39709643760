import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Gauge, register } from 'prom-client';
import { metricOnce } from '@kd/observability';
import { HEALTH_CHECKS, runCheck, type HealthChecks } from './health.controller.js';

const intervalMs = 15_000;

/**
 * Runs the readiness checks in the background and exports `kd_dependency_up{dependency}`
 * (1 = answering), so Prometheus can alert on a database or broker outage by itself.
 */
@Injectable()
export class DependencyMonitor implements OnModuleInit, OnApplicationShutdown {
  private readonly gauge = metricOnce(
    register,
    'kd_dependency_up',
    (registers) =>
      new Gauge({
        name: 'kd_dependency_up',
        help: 'Whether a dependency answered the last health check (1) or not (0)',
        labelNames: ['dependency'],
        registers,
      }),
  );
  private timer: NodeJS.Timeout | undefined;

  constructor(@Inject(HEALTH_CHECKS) private readonly checks: HealthChecks) {}

  onModuleInit(): void {
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), intervalMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  private async refresh(): Promise<void> {
    await Promise.all(
      Object.entries(this.checks).map(async ([dependency, check]) => {
        this.gauge.set({ dependency }, (await runCheck(check)) === 'ok' ? 1 : 0);
      }),
    );
  }
}
