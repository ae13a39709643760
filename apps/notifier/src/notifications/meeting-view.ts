import type { Meeting } from '@kd/meetings';

/**
 * What the living message shows of a meeting: the meeting's fold (`foldMeeting`), plus the
 * scheduling facts once the meeting fold carries them (`meeting.scheduled`, `meeting.canceled`,
 * `meeting.rsvp_*`). Optional here, so a `Meeting` is a view as it is, with or without them.
 */
export type MeetingView = Meeting & {
  /** When the meeting is planned to start (ISO-8601 UTC). */
  scheduledFor?: string | null | undefined;
  /** Who said they are interested (their user ids), or how many. */
  rsvps?: ReadonlySet<string> | readonly string[] | number | undefined;
  /** Canceled before it began: either form, as the meeting fold tells it. */
  canceled?: boolean | undefined;
  canceledAt?: string | null | undefined;
};

export function isCanceled(view: MeetingView): boolean {
  return Boolean(view.canceled ?? view.canceledAt);
}

export function rsvpCount(rsvps: NonNullable<MeetingView['rsvps']>): number {
  if (typeof rsvps === 'number') return rsvps;
  return 'size' in rsvps ? rsvps.size : rsvps.length;
}
