import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

export interface CorrelationContext {
  correlationId: string;
  [field: string]: string | number | undefined;
}

const storage = new AsyncLocalStorage<CorrelationContext>();

/** Runs `fn` with a correlation context that every log line inside it carries. */
export function withCorrelation<T>(context: Partial<CorrelationContext>, fn: () => T): T {
  const current = storage.getStore();
  const correlationId = context.correlationId ?? current?.correlationId ?? randomUUID();
  return storage.run({ ...current, ...context, correlationId }, fn);
}

export function currentCorrelation(): CorrelationContext | undefined {
  return storage.getStore();
}

export function currentCorrelationId(): string | undefined {
  return storage.getStore()?.correlationId;
}
