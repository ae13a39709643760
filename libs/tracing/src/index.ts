export { startTracing, type StartTracingOptions, type TracingHandle } from './start-tracing.js';
export { tracingEnabled, samplingFollowsParent, kdTracer } from './tracing-state.js';
export { activeTraceIds, traceExemplar, type TraceIds } from './trace-ids.js';
export {
  injectTraceHeaders,
  extractTraceContext,
  producerContextOf,
  isUnsampled,
} from './nats-propagation.js';
export {
  startPublishSpan,
  withBatchSpan,
  withDeliverySpan,
  runInSpan,
  failSpan,
} from './messaging-spans.js';
