import { KdError } from '@kd/events';

/** Another writer appended to the aggregate first: reload, decide again, retry or report. */
export class ConcurrencyError extends KdError {
  constructor(
    readonly subject: string,
    readonly expectedLastSeq: number,
    cause?: unknown,
  ) {
    super(
      'EVENT_STORE.CONFLICT',
      `${subject} changed concurrently (expected last sequence ${expectedLastSeq})`,
      'conflict',
      { cause },
    );
  }
}

/** The append may or may not have been stored; the caller must treat it as failed and retry. */
export class EventStoreUnavailableError extends KdError {
  constructor(message: string, cause?: unknown) {
    super('EVENT_STORE.UNAVAILABLE', message, 'unavailable', { cause });
  }
}
