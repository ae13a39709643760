import {
  ROOT_CONTEXT,
  context,
  propagation,
  trace,
  type Context,
  type Span,
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

/**
 * Writes W3C `traceparent`/`tracestate` for `span` (else the active span) into a JetStream
 * message's headers; no work at all when tracing is off.
 */
export function injectTraceHeaders(headers: MsgHdrs, span?: Span): void {
  if (!tracingEnabled()) return;
  const ctx = span ? trace.setSpan(context.active(), span) : context.active();
  propagation.inject(ctx, headers, setter);
}

/** The producer's context read back from a consumed message's headers (undefined when absent). */
export function extractTraceContext(headers: MsgHdrs | undefined): Context | undefined {
  if (!tracingEnabled() || !headers) return undefined;
  const extracted = propagation.extract(ROOT_CONTEXT, headers, getter);
  return trace.getSpanContext(extracted) ? extracted : undefined;
}
