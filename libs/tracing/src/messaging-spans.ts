import {
  SpanKind,
  SpanStatusCode,
  context,
  trace,
  type Context,
  type Link,
  type Span,
} from '@opentelemetry/api';
import { isUnsampled } from './nats-propagation.js';
import { kdTracer, samplingFollowsParent, tracingEnabled } from './tracing-state.js';

/** True when a span started under `parent` would not be recorded (an unsampled parent). */
function parentUnsampled(parent: Context): boolean {
  return samplingFollowsParent() && isUnsampled(trace.getSpanContext(parent));
}

/** A span that records a failure before it ends. */
export function failSpan(span: Span, error: unknown): void {
  span.recordException(error instanceof Error ? error : String(error));
  span.setStatus({ code: SpanStatusCode.ERROR, message: String(error) });
}

/** Runs `fn` as the active `span`, ending it (failed when `fn` throws). */
export async function runInSpan<T>(span: Span, parent: Context, fn: () => Promise<T>): Promise<T> {
  try {
    return await context.with(trace.setSpan(parent, span), fn);
  } catch (error) {
    failSpan(span, error);
    throw error;
  } finally {
    span.end();
  }
}

/**
 * The producer span of one event appended to the stream: undefined when tracing is off, and when
 * the active trace is unsampled (no span is created; the message carries the parent's context).
 */
export function startPublishSpan(subject: string, eventType: string, eventId: string) {
  if (!tracingEnabled() || parentUnsampled(context.active())) return undefined;
  return kdTracer().startSpan(`send ${eventType}`, {
    kind: SpanKind.PRODUCER,
    attributes: {
      'messaging.system': 'nats',
      'messaging.operation.type': 'send',
      'messaging.destination.name': subject,
      'messaging.message.id': eventId,
      'kd.event.type': eventType,
    },
  });
}

/**
 * One consumer span around a handled batch of `messageCount` messages, linked to the producer
 * span of every sampled message in it (a batch mixes many traces, so it starts its own and points
 * at theirs; unsampled producers were never exported, so there is nothing to link to).
 */
export function withBatchSpan<T>(
  durable: string,
  messageCount: number,
  sampledProducers: readonly Context[],
  fn: () => Promise<T>,
): Promise<T> {
  if (!tracingEnabled()) return fn();
  const links: Link[] = [];
  for (const producer of sampledProducers) {
    const spanContext = trace.getSpanContext(producer);
    if (spanContext) links.push({ context: spanContext });
  }
  const span = kdTracer().startSpan(`process ${durable}`, {
    kind: SpanKind.CONSUMER,
    root: true,
    links,
    attributes: {
      'messaging.system': 'nats',
      'messaging.operation.type': 'process',
      'messaging.consumer.group.name': durable,
      'messaging.batch.message_count': messageCount,
    },
  });
  return runInSpan(span, context.active(), fn);
}

/**
 * One consumer span for one event's handler, a child of the span that appended the event. For an
 * unsampled producer no span is created: the handler runs under the producer's context, so its
 * own client spans stay unrecorded too.
 */
export function withDeliverySpan<T>(
  durable: string,
  eventType: string,
  producer: Context | undefined,
  fn: () => Promise<T>,
): Promise<T> {
  if (!tracingEnabled()) return fn();
  const parent = producer ?? context.active();
  if (producer && parentUnsampled(producer)) return context.with(producer, fn);
  const span = kdTracer().startSpan(
    `process ${eventType}`,
    {
      kind: SpanKind.CONSUMER,
      attributes: {
        'messaging.system': 'nats',
        'messaging.operation.type': 'process',
        'messaging.consumer.group.name': durable,
        'kd.event.type': eventType,
      },
    },
    parent,
  );
  return runInSpan(span, parent, fn);
}
