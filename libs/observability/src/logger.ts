import { pino, type Logger, type LevelWithSilent } from 'pino';
import { currentCorrelation } from './correlation.js';

export type { Logger } from 'pino';

/** Field paths whose values never reach a log line (tokens, secrets, credentials). */
export const redactedPaths = [
  'password',
  'secret',
  'token',
  'authorization',
  '*.password',
  '*.secret',
  '*.token',
  '*.authorization',
  '*.headers.authorization',
  '*.headers["x-signature-ed25519"]',
  'ks',
  '*.ks',
];

export interface LoggerOptions {
  service: string;
  level?: LevelWithSilent;
  destination?: pino.DestinationStream;
}

/** JSON lines: timestamp, level, service, message, the correlation context, structured fields. */
export function createLogger({ service, level = 'info', destination }: LoggerOptions): Logger {
  return pino(
    {
      level,
      base: { service },
      messageKey: 'message',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: redactedPaths, censor: '[redacted]' },
      mixin: () => ({ ...currentCorrelation() }),
    },
    destination ?? pino.destination({ sync: false }),
  );
}
