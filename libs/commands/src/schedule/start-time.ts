import { KdError } from '@kd/events';
import { parseWhen, type WhenProblem } from './parse-when.js';

type Translate = (key: string, values?: Record<string, string | number>) => string;

const codes: Record<WhenProblem, string> = {
  unparsable: 'SCHEDULE.UNPARSABLE_TIME',
  bad_zone: 'SCHEDULE.UNPARSABLE_TIME',
  nonexistent: 'SCHEDULE.NONEXISTENT_TIME',
  past: 'SCHEDULE.TIME_IN_PAST',
  too_far: 'SCHEDULE.TIME_TOO_FAR',
};

/** The start of `/kaltura-schedule`, or a validation error the member can act on. */
export function startTimeOf(when: string, zone: string, now: Date, t: Translate): Date {
  const parsed = parseWhen(when, { now, zone });
  if (parsed.ok) return parsed.startsAt;
  const key = parsed.problem === 'bad_zone' ? 'unparsable' : parsed.problem;
  throw new KdError(codes[parsed.problem], t(`schedule.${key}`, { when, zone }), 'validation');
}

export function checkDuration(minutes: number, max: number, t: Translate): void {
  if (minutes > max)
    throw new KdError(
      'SCHEDULE.DURATION_TOO_LONG',
      t('schedule.duration_too_long', { minutes }),
      'validation',
    );
}

/** Discord renders `<t:…:F>` in each reader's own zone and language. */
export const discordTimestamp = (at: Date | string): string =>
  `<t:${Math.floor(new Date(at).getTime() / 1000)}:F>`;
