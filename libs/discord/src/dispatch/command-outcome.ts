import { KdError } from '@kd/events';

export type CommandOutcome = 'ok' | 'error' | 'denied' | 'invalid';

/** validation → invalid, permission (or sign-in) → denied, anything else → error. */
export function outcomeOf(error: unknown): Exclude<CommandOutcome, 'ok'> {
  if (!(error instanceof KdError)) return 'error';
  switch (error.category) {
    case 'validation':
      return 'invalid';
    case 'permission':
    case 'unauthenticated':
      return 'denied';
    case 'not_found':
    case 'conflict':
    case 'rate_limited':
    case 'unavailable':
    case 'internal':
      return 'error';
  }
}
