import type { Meeting } from '@kd/meetings';

/** What the living message shows of a meeting: the meeting's fold (`foldMeeting`). */
export type MeetingView = Meeting;

export function isCanceled(view: MeetingView): boolean {
  return view.canceledAt !== null;
}

export function rsvpCount(rsvps: MeetingView['rsvps']): number {
  return rsvps.size;
}
