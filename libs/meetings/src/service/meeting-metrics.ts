import { Histogram, type Registry } from 'prom-client';
import { metricOnce } from '@kd/observability';

export type MeetingOutcome = 'ok' | 'error';

export interface MeetingMetrics {
  createDuration: Histogram<'outcome'>;
  joinUrlDuration: Histogram<'outcome'>;
}

const buckets = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 3, 5, 10, 30];

export function createMeetingMetrics(registry: Registry): MeetingMetrics {
  return {
    createDuration: metricOnce(
      registry,
      'kd_meeting_create_duration_seconds',
      (registers) =>
        new Histogram({
          name: 'kd_meeting_create_duration_seconds',
          help: 'Time to create a meeting: Kaltura room, meeting.created and the owner join link',
          labelNames: ['outcome'],
          buckets,
          registers,
        }),
    ),
    joinUrlDuration: metricOnce(
      registry,
      'kd_join_url_duration_seconds',
      (registers) =>
        new Histogram({
          name: 'kd_join_url_duration_seconds',
          help: 'Time to issue a join URL: load the meeting, sign the KS, append join_link_issued',
          labelNames: ['outcome'],
          buckets,
          registers,
        }),
    ),
  };
}

/** Observes `fn`'s duration with outcome ok/error, and passes its result or error through. */
export async function timed<T>(
  histogram: Histogram<'outcome'> | undefined,
  fn: () => Promise<T>,
): Promise<T> {
  const stop = histogram?.startTimer();
  try {
    const result = await fn();
    stop?.({ outcome: 'ok' });
    return result;
  } catch (error) {
    stop?.({ outcome: 'error' });
    throw error;
  }
}
