import { KdError } from '@kd/events';

export type CommandOutcome = 'ok' | 'error' | 'denied' | 'invalid';

/**
 * validation, not_found and conflict → invalid (the user asked for something that cannot be done:
 * an unknown meeting id, ending an ended meeting; not our failure, so not in the error ratio),
 * permission (or sign-in) → denied, anything else (Kaltura down, a bug) → error.
 */
export function outcomeOf(error: unknown): Exclude<CommandOutcome, 'ok'> {
  if (!(error instanceof KdError)) return 'error';
  switch (error.category) {
    case 'validation':
    case 'not_found':
    case 'conflict':
      return 'invalid';
    case 'permission':
    case 'unauthenticated':
      return 'denied';
    case 'rate_limited':
    case 'unavailable':
    case 'internal':
      return 'error';
  }
}
