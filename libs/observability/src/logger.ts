import { pino, type Logger, type LevelWithSilent } from 'pino';
import { activeTraceIds } from '@kd/tracing';
import { currentCorrelation } from './correlation.js';
import { censor, createRedactor } from './redaction.js';

export type { Logger } from 'pino';

/**
 * Field paths pino itself censors (bindings and the mixin included). Every log call is also
 * scrubbed by `createRedactor`: sensitive names at any depth, credentials in text, known secrets.
 */
export const redactedPaths = [
  'password',
  'secret',
  'token',
  'authorization',
  'cookie',
  'ks',
  '*.password',
  '*.secret',
  '*.token',
  '*.authorization',
  '*.cookie',
  '*.ks',
  '*.headers.authorization',
  '*.headers.cookie',
  '*.headers["x-signature-ed25519"]',
  '*.headers["x-kaltura-signature"]',
];

export interface LoggerOptions {
  service: string;
  level?: LevelWithSilent;
  destination?: pino.DestinationStream;
  /** The configured secret values (JWT secret, bot token, admin secret…): never printed. */
  secrets?: readonly (string | undefined)[];
}

/**
 * JSON lines: timestamp, level, service, message, the correlation context, the active span's
 * `trace_id`/`span_id` (while tracing), structured fields.
 */
export function createLogger({
  service,
  level = 'info',
  destination,
  secrets = [],
}: LoggerOptions): Logger {
  const redactor = createRedactor(secrets);
  return pino(
    {
      level,
      base: { service },
      messageKey: 'message',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: redactedPaths, censor },
      hooks: {
        logMethod(args, method) {
          const scrubbed = (args as unknown[]).map((arg) => redactor.value(arg));
          method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
      mixin: () => ({ ...currentCorrelation(), ...activeTraceIds() }),
    },
    destination ?? pino.destination({ sync: false }),
  );
}
