import { trace, type Tracer } from '@opentelemetry/api';

let enabled = false;
let parentBased = false;

/** True once the SDK started (OTEL_EXPORTER_OTLP_ENDPOINT set): every span helper is a no-op before. */
export function tracingEnabled(): boolean {
  return enabled;
}

/**
 * True when the configured sampler follows the parent's decision (`parentbased_*`, the SDK's
 * default, or `always_off`): a child of an unsampled span is then never recorded, so the span
 * helpers skip creating it and only pass the parent's context on.
 */
export function samplingFollowsParent(): boolean {
  return parentBased;
}

export function markTracingEnabled(value: boolean, sampler = 'parentbased_always_on'): void {
  enabled = value;
  parentBased = value && (sampler.startsWith('parentbased_') || sampler === 'always_off');
}

/** The tracer every kd span comes from. */
export function kdTracer(): Tracer {
  return trace.getTracer('kaltura-discord');
}
