import {
  INVALID_SPANID,
  INVALID_TRACEID,
  ROOT_CONTEXT,
  TraceFlags,
  context,
  propagation,
  trace,
  type Context,
  type Span,
  type SpanContext,
  type TextMapGetter,
  type TextMapSetter,
} from '@opentelemetry/api';
import type { MsgHdrs } from '@nats-io/nats-core';
import { tracingEnabled } from './tracing-state.js';

const setter: TextMapSetter<MsgHdrs> = {
  set: (headers, key, value) => headers.set(key, value),
};

const getter: TextMapGetter<MsgHdrs> = {
  keys: (headers) => headers.keys(),
  get: (headers, key) => (headers.has(key) ? headers.get(key) : undefined),
};

/** A valid span context whose trace the sampler turned down. */
export function isUnsampled(spanContext: SpanContext | undefined): spanContext is SpanContext {
  return (
    spanContext !== undefined &&
    (spanContext.traceFlags & TraceFlags.SAMPLED) === 0 &&
    spanContext.traceId !== INVALID_TRACEID &&
    spanContext.spanId !== INVALID_SPANID
  );
}

/**
 * Writes W3C `traceparent`/`tracestate` for `span` (else the active span) into a JetStream
 * message's headers; no work at all when tracing is off. An unsampled context (most of them) is
 * written directly, a sampled one through the registered propagators.
 */
export function injectTraceHeaders(headers: MsgHdrs, span?: Span): void {
  if (!tracingEnabled()) return;
  const active = context.active();
  const spanContext = span ? span.spanContext() : trace.getSpanContext(active);
  if (isUnsampled(spanContext) && !spanContext.traceState) {
    headers.set('traceparent', `00-${spanContext.traceId}-${spanContext.spanId}-00`);
    return;
  }
  propagation.inject(span ? trace.setSpan(active, span) : active, headers, setter);
}

/** The producer's context read back from a consumed message's headers (undefined when absent). */
export function extractTraceContext(headers: MsgHdrs | undefined): Context | undefined {
  if (!tracingEnabled() || !headers) return undefined;
  const extracted = propagation.extract(ROOT_CONTEXT, headers, getter);
  return trace.getSpanContext(extracted) ? extracted : undefined;
}

/** `00-<32 hex trace id>-<16 hex span id>-<2 hex flags>` */
const traceparentFormat = /^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

/**
 * The producer context of a consumed message, and whether its trace is sampled. The flags are
 * read first: an unsampled producer (most of them at a low sampling ratio) costs one header
 * lookup and a format check; a sampled one is extracted through the propagators.
 */
export function producerContextOf(
  headers: MsgHdrs | undefined,
): { context: Context; sampled: boolean } | undefined {
  if (!tracingEnabled() || !headers) return undefined;
  const traceparent = headers.get('traceparent');
  if (!traceparent) return undefined;
  if (
    (parseInt(traceparent.slice(53), 16) & TraceFlags.SAMPLED) === 0 &&
    traceparentFormat.test(traceparent) &&
    !headers.has('tracestate')
  ) {
    const spanContext: SpanContext = {
      traceId: traceparent.slice(3, 35),
      spanId: traceparent.slice(36, 52),
      traceFlags: TraceFlags.NONE,
      isRemote: true,
    };
    if (isUnsampled(spanContext))
      return { context: trace.setSpanContext(ROOT_CONTEXT, spanContext), sampled: false };
  }
  const extracted = extractTraceContext(headers);
  const spanContext = extracted && trace.getSpanContext(extracted);
  return spanContext
    ? { context: extracted, sampled: (spanContext.traceFlags & TraceFlags.SAMPLED) !== 0 }
    : undefined;
}
