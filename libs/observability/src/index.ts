export { createLogger, redactedPaths, type Logger, type LoggerOptions } from './logger.js';
export { createRedactor, censor, type Redactor } from './redaction.js';
export {
  withCorrelation,
  currentCorrelation,
  currentCorrelationId,
  type CorrelationContext,
} from './correlation.js';
export { NestPinoLogger } from './nest-logger.js';
export { metricOnce } from './metric-once.js';
export { exemplarHistogram, observeTraced, startTracedTimer } from './exemplars.js';
export { configSecrets } from './config-secrets.js';
