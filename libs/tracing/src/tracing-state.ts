import { trace, type Tracer } from '@opentelemetry/api';

let enabled = false;

/** True once the SDK started (OTEL_EXPORTER_OTLP_ENDPOINT set): every span helper is a no-op before. */
export function tracingEnabled(): boolean {
  return enabled;
}

export function markTracingEnabled(value: boolean): void {
  enabled = value;
}

/** The tracer every kd span comes from. */
export function kdTracer(): Tracer {
  return trace.getTracer('kaltura-discord');
}
