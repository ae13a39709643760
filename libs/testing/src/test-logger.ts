import { createLogger, type Logger } from '@kd/observability';
import { pino } from 'pino';

/** Silent unless KD_TEST_LOG_LEVEL is set; then JSON lines on stderr. */
export function testLogger(service: string): Logger {
  const level = (process.env.KD_TEST_LOG_LEVEL ?? 'silent') as 'silent';
  return createLogger({ service, level, destination: pino.destination(2) });
}
