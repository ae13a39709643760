/**
 * Errors carry a stable code (`MEETING.NOT_FOUND`) and a category; only the edges (HTTP filter,
 * Discord reply builder) turn them into status codes and messages. The same code is recorded in
 * `command.executed.errorCode`.
 */
export type ErrorCategory =
  | 'validation'
  | 'unauthenticated'
  | 'permission'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'unavailable'
  | 'internal';

export class KdError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly category: ErrorCategory,
    options: { cause?: unknown; details?: Record<string, unknown> } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.details = options.details;
  }
  readonly details: Record<string, unknown> | undefined;
}

export interface SchemaIssue {
  path: string;
  message: string;
}

export class EventValidationError extends KdError {
  constructor(
    readonly eventType: string,
    readonly issues: SchemaIssue[],
  ) {
    super(
      'EVENT.INVALID',
      `invalid ${eventType} event: ${issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`,
      'validation',
      { details: { issues } },
    );
  }
}

export class UnknownEventTypeError extends KdError {
  constructor(readonly eventType: string) {
    super('EVENT.UNKNOWN_TYPE', `unknown event type "${eventType}"`, 'validation');
  }
}

export class UnsupportedEventVersionError extends KdError {
  constructor(
    readonly eventType: string,
    readonly version: number,
    readonly currentVersion: number,
  ) {
    super(
      'EVENT.UNSUPPORTED_VERSION',
      `${eventType} v${version} is newer than this build understands (v${currentVersion})`,
      'validation',
    );
  }
}
