import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TraceFlags, propagation, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { headers } from '@nats-io/nats-core';
import { injectTraceHeaders, producerContextOf } from './nats-propagation.js';
import { markTracingEnabled } from './tracing-state.js';

const traceId = '0af7651916cd43dd8448eb211c80319c';
const spanId = 'b7ad6b7169203331';

describe('trace headers on JetStream messages', () => {
  beforeAll(() => {
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    markTracingEnabled(true, 'parentbased_traceidratio');
  });
  afterAll(() => {
    markTracingEnabled(false);
    propagation.disable();
  });

  it.each([
    [TraceFlags.NONE, false],
    [TraceFlags.SAMPLED, true],
  ])('round-trips the producer context with flags %d', (traceFlags, sampled) => {
    const h = headers();
    injectTraceHeaders(h, trace.wrapSpanContext({ traceId, spanId, traceFlags }));
    expect(h.get('traceparent')).toBe(`00-${traceId}-${spanId}-0${traceFlags}`);
    const producer = producerContextOf(h);
    expect(producer?.sampled).toBe(sampled);
    expect(trace.getSpanContext(producer!.context)).toMatchObject({ traceId, spanId, traceFlags });
  });

  it('finds no producer without a valid traceparent', () => {
    const h = headers();
    expect(producerContextOf(h)).toBeUndefined();
    h.set('traceparent', '00-zz-11-00');
    expect(producerContextOf(h)).toBeUndefined();
  });
});
