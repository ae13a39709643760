import { KdError, type Aggregate } from '@kd/events';

/**
 * Another writer kept appending to the aggregate through every attempt. Same code and category
 * as a single ConcurrencyError, so Discord replies and HTTP answers are unchanged; callers with
 * a code of their own (CONFIG.CONFLICT) map it.
 */
export class ConflictRetriesExhaustedError extends KdError {
  constructor(
    readonly aggregate: Aggregate,
    readonly aggregateId: string,
    readonly attempts: number,
    cause: unknown,
  ) {
    super(
      'EVENT_STORE.CONFLICT',
      `${aggregate} ${aggregateId} kept changing concurrently (${attempts} attempts)`,
      'conflict',
      { cause, details: { aggregate, aggregateId, attempts } },
    );
  }
}
