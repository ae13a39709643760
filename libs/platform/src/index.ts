export { MetricsModule, metricsRegistry } from './metrics/metrics.module.js';
export { buildInfoOf, registerBuildInfo, type BuildInfo } from './metrics/build-info.js';
export {
  GuardedMetricsController,
  METRICS_OPTIONS,
  type MetricsOptions,
} from './metrics/metrics.controller.js';
export { JsonExceptionFilter } from './http/json-exception.filter.js';
export { statusByCategory } from './http/error-status.js';
export { createHttpApp, listen, type HttpAppOptions } from './bootstrap.js';
export { HealthModule } from './health/health.module.js';
export { HealthController, HEALTH_CHECKS, type HealthChecks } from './health/health.controller.js';
export { httpMetricsMiddleware } from './http/http-metrics.js';
export { correlationMiddleware } from './http/correlation.middleware.js';
export { tracingMiddleware } from './http/tracing.middleware.js';
export {
  assertStorableJson,
  jsonShapeProblem,
  bodyHeaderGuard,
  bodyShapeGuard,
  limitInBytes,
  maxBodyDepth,
  type JsonShapeProblem,
} from './http/body-guards.js';
export { shutdownHook } from './lifecycle/shutdown-hook.js';
export { runHttpApp, type RunHttpAppOptions } from './run-http-app.js';
export { ClockModule } from './clock/clock.module.js';
export { AppPlatformModule, type AppMetricsSettings } from './app/app-platform.module.js';
export { PeriodicTask, type PeriodicTaskOptions } from './lifecycle/periodic-task.js';
