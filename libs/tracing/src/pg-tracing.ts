import { SpanKind, context, trace, type Span } from '@opentelemetry/api';
import { failSpan } from './messaging-spans.js';
import { isUnsampled } from './nats-propagation.js';
import { kdTracer, samplingFollowsParent } from './tracing-state.js';

type QueryFn = (this: unknown, ...args: unknown[]) => unknown;
type Callback = (error: unknown, result: unknown) => void;

/**
 * Client spans for PostgreSQL queries. `pg` is CommonJS loaded from ESM, where the maintained
 * instrumentation's require hook never sees it, so `Client.prototype.query` is wrapped here the
 * same way. Only queries under an active, sampled span are traced (background polls stay out; an
 * unsampled trace costs one check), and only the statement text is recorded, never its parameters.
 */
export async function tracePgQueries(): Promise<void> {
  const pg = (await import('pg')).default;
  const proto = pg.Client.prototype as unknown as { query: QueryFn; __kdTraced?: boolean };
  if (proto.__kdTraced) return;
  const original = proto.query;
  proto.query = function tracedQuery(this: unknown, ...args: unknown[]) {
    const [config] = args;
    const text = typeof config === 'string' ? config : (config as { text?: unknown })?.text;
    if (typeof text !== 'string' || !underTracedSpan()) {
      return original.apply(this, args);
    }
    const span = startQuerySpan(text);
    const last = args.length - 1;
    if (typeof args[last] === 'function') {
      const callback = args[last] as Callback;
      args[last] = (error: unknown, result: unknown) => {
        endQuerySpan(span, error);
        callback(error, result);
      };
      return original.apply(this, args);
    }
    const result = original.apply(this, args) as Promise<unknown> | undefined;
    if (!result || typeof result.then !== 'function') {
      span.end();
      return result;
    }
    return result.then(
      (value) => (endQuerySpan(span, undefined), value),
      (error: unknown) => {
        endQuerySpan(span, error);
        throw error;
      },
    );
  };
  proto.__kdTraced = true;
}

function underTracedSpan(): boolean {
  const spanContext = trace.getSpanContext(context.active());
  return spanContext !== undefined && !(samplingFollowsParent() && isUnsampled(spanContext));
}

function startQuerySpan(text: string): Span {
  const operation = /^\s*(\w+)/.exec(text)?.[1]?.toUpperCase() ?? 'QUERY';
  return kdTracer().startSpan(`${operation} postgresql`, {
    kind: SpanKind.CLIENT,
    attributes: {
      'db.system.name': 'postgresql',
      'db.operation.name': operation,
      'db.query.text': text.length > 2000 ? `${text.slice(0, 2000)}…` : text,
    },
  });
}

function endQuerySpan(span: Span, error: unknown): void {
  if (error) failSpan(span, error);
  span.end();
}
