import { context, isSpanContextValid, trace } from '@opentelemetry/api';
import { tracingEnabled } from './tracing-state.js';

export interface TraceIds {
  trace_id: string;
  span_id: string;
}

/** The active span's ids for a log line (nothing when tracing is off or no span is active). */
export function activeTraceIds(): TraceIds | undefined {
  if (!tracingEnabled()) return undefined;
  const span = trace.getSpan(context.active());
  if (!span) return undefined;
  const ids = span.spanContext();
  return isSpanContextValid(ids) ? { trace_id: ids.traceId, span_id: ids.spanId } : undefined;
}

/**
 * Exemplar labels for a latency observation: the active trace id when its span is sampled (an
 * exemplar pointing at a trace the backend never received would be a dead link).
 */
export function traceExemplar(): { trace_id: string } | undefined {
  if (!tracingEnabled()) return undefined;
  const ids = trace.getSpan(context.active())?.spanContext();
  return ids && isSpanContextValid(ids) && (ids.traceFlags & 1) === 1
    ? { trace_id: ids.traceId }
    : undefined;
}
